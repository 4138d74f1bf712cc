import { cellText, type Row, type Sheet } from '../io/cell.js';
import { parseEncabezado, parseSubEncabezado, type CampoTexto, type Encabezado } from './encabezados.js';

export interface EncabezadoHoja {
  /** Index in `sheet.rows` of the (last) header row. */
  rowPos: number;
  /** Excel row number of the header (the first row of a two-row header). */
  fila: number;
  columnas: Map<number, Encabezado>;
  /** Headers no rule knew, by column, to name in messages. */
  desconocidas: Map<number, string>;
  campos: Map<CampoTexto, number>;
  anios: number;
  score: number;
}

const SCAN_ROWS = 40;

/**
 * Finds the header row of an indicator table among the first rows: the row that names the
 * most known columns, needing an Indicador column or a year column. A row below it that
 * only names parts (`Numerador | Denominador`) under merged year cells joins it.
 */
export function findEncabezado(sheet: Sheet, from = 0): EncabezadoHoja | null {
  let best: EncabezadoHoja | null = null;
  const end = Math.min(sheet.rows.length, from + SCAN_ROWS);
  for (let i = from; i < end; i++) {
    const h = leerFila(sheet.rows, i);
    if (!h) continue;
    if (!best || h.score > best.score) best = h;
    if (best && i > best.rowPos + 5) break;
  }
  return best;
}

function leerFila(rows: Row[], i: number): EncabezadoHoja | null {
  const row = rows[i];
  const columnas = new Map<number, Encabezado>();
  const desconocidas = new Map<number, string>();
  const texts = new Map<number, string>();
  row.cells.forEach((c, idx) => {
    // Year headers are often typed as numbers (2008); other numbers are data, not headers.
    if (!c || (typeof c.value === 'number' && !(Number.isInteger(c.value) && c.value >= 1900 && c.value <= 2200))) return;
    const t = cellText(c).trim();
    if (t) texts.set(idx + 1, t);
  });
  for (const [col, t] of texts) {
    const e = parseEncabezado(t);
    if (e) columnas.set(col, e);
    else desconocidas.set(col, t);
  }
  let rowPos = i;
  // Two-row header: year cells (often merged) above `Numerador | Denominador | Valor`.
  const next = rows[i + 1];
  if (next && next.index === row.index + 1) {
    const subs = new Map<number, ReturnType<typeof parseSubEncabezado>>();
    next.cells.forEach((c, idx) => {
      const s = c && typeof c.value === 'string' ? parseSubEncabezado(c.value) : null;
      if (s) subs.set(idx + 1, s);
    });
    const filled = next.cells.filter((c) => c && c.value != null && String(c.value).trim() !== '').length;
    if (subs.size > 0 && subs.size === filled) {
      for (const [col, s] of subs) {
        const above = texts.get(col);
        const e = above ? parseEncabezado(above) : null;
        if (e?.kind === 'anio' && s) {
          columnas.set(col, { ...e, tipo: s.tipo ?? e.tipo, parte: s.parte ?? e.parte });
          desconocidas.delete(col);
        }
      }
      rowPos = i + 1;
    }
  }
  const campos = new Map<CampoTexto, number>();
  let anios = 0;
  for (const [col, e] of columnas) {
    if (e.kind === 'campo') {
      if (!campos.has(e.campo)) campos.set(e.campo, col);
    } else anios++;
  }
  if (!campos.has('indicador') && anios === 0) return null;
  if (campos.size + anios < 2) return null;
  const score = campos.size * 2 + anios + (campos.has('indicador') ? 5 : 0);
  return { rowPos, fila: row.index, columnas, desconocidas, campos, anios, score };
}
