import { readFile } from 'node:fs/promises';
import type { ReadOptions } from '../io/read-workbook.js';
import { readWorkbook } from '../io/read-workbook.js';
import type { EntradaAnotada } from '../render/xlsx-anotado.js';

/**
 * The validated files again, for the annotated copy: read through readWorkbook (so its guards
 * apply), plus the raw bytes of a single .xlsx, which is copied whole to keep its formats.
 * Standard input cannot be read twice: it is listed in "Problemas" only.
 */
export async function entradasAnotadas(archivos: string[], opts: ReadOptions): Promise<EntradaAnotada[]> {
  const out: EntradaAnotada[] = [];
  for (const archivo of archivos) {
    if (archivo === '-') {
      out.push({ archivo, sheets: [] });
      continue;
    }
    const wb = await readWorkbook(archivo, opts);
    if (wb.format === 'xlsx' && archivos.length === 1) out.push({ archivo, xlsx: await readFile(archivo) });
    else out.push({ archivo, sheets: wb.sheets });
  }
  return out;
}
