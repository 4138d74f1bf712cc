import type { Row } from '../../src/io/cell.js';
import { openRows } from '../../src/io/stream-rows.js';

/** Every sheet's rows of a file, read whole (`never`) or as a stream (`always`). */
export async function leerFilas(file: string, stream: 'always' | 'never') {
  const src = await openRows(file, { stream });
  const out: { sheet: string; rows: Row[] }[] = [];
  for await (const s of src.sheets()) {
    const rows: Row[] = [];
    for await (const r of s.rows) rows.push(r);
    out.push({ sheet: s.name, rows });
  }
  return { src, out };
}
