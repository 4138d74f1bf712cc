import ExcelJS from 'exceljs';
import { columnLetter } from '../core/report.js';
import { roundForOutput } from './csv.js';
import { formatValor } from './format.js';
import type { Columna, Resultado, Tabla, Valor } from './model.js';
import { numFmt, sheetName, STYLE } from './xlsx-estilo.js';

/** Rows of every report sheet: title, source, blank, header; data from DATA_ROW. */
export const TITLE_ROW = 1;
export const SOURCE_ROW = 2;
export const HEADER_ROW = 4;
export const DATA_ROW = HEADER_ROW + 1;

/**
 * A result as a finished report workbook: one sheet per table, with its title and source
 * files, the header row frozen, an autofilter, fitted widths, Chilean number formats
 * (percentages stored as fractions, 95,4 % is 0.954 shown `0.0%`), totals rows in bold,
 * conditional formatting for the columns with an `estilo`, and Excel formulas (with their
 * cached values) for the columns with a `formula`.
 */
export async function renderXlsx(resultado: Resultado): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'pbr';
  const used = new Set<string>();
  for (const t of resultado.tablas) writeTabla(wb.addWorksheet(sheetName(capitalize(t.nombre || t.titulo), used)), t, resultado);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function writeTabla(ws: ExcelJS.Worksheet, t: Tabla, resultado: Resultado): void {
  const n = t.columnas.length;
  ws.getCell(TITLE_ROW, 1).value = t.titulo;
  ws.getCell(TITLE_ROW, 1).font = STYLE.title;
  const fuentes = resultado.archivos.length ? resultado.archivos.join(', ') : '(sin archivo)';
  ws.getCell(SOURCE_ROW, 1).value = `Fuente: ${fuentes} · pbr ${resultado.comando}`;
  ws.getCell(SOURCE_ROW, 1).font = STYLE.source;

  t.columnas.forEach((c, j) => {
    const cell = ws.getCell(HEADER_ROW, j + 1);
    cell.value = c.titulo;
    cell.font = STYLE.header.font;
    cell.fill = STYLE.header.fill;
    cell.alignment = { vertical: 'middle', horizontal: c.tipo === 'texto' ? 'left' : 'center', wrapText: true };
    cell.border = STYLE.border;
  });

  const keys = new Map(t.columnas.map((c, j) => [c.clave, j + 1]));
  const rows = [...t.filas.map((r) => ({ r, total: false })), ...(t.totales ?? []).map((r) => ({ r, total: true }))];
  rows.forEach(({ r, total }, k) => {
    const rowNumber = DATA_ROW + k;
    t.columnas.forEach((c, j) => {
      const cell = ws.getCell(rowNumber, j + 1);
      cell.value = cellValue(r, c, rowNumber, keys);
      if (c.tipo !== 'texto') cell.numFmt = numFmt(c);
      cell.alignment = { vertical: 'top', wrapText: c.tipo === 'texto' };
      cell.border = total ? STYLE.totalBorder : STYLE.border;
      if (total) cell.font = { bold: true };
    });
  });

  const lastData = DATA_ROW + t.filas.length - 1;
  if (n > 0) {
    ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(HEADER_ROW, lastData), column: n } };
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${DATA_ROW}`, activeCell: `A${DATA_ROW}` }];
  }
  const leyendas = t.filas.length ? addConditionalFormats(ws, t, lastData) : [];

  let notaRow = DATA_ROW + rows.length + 1;
  for (const nota of [...leyendas, ...(t.notas ?? [])]) {
    ws.getCell(notaRow, 1).value = nota;
    ws.getCell(notaRow, 1).font = STYLE.note;
    notaRow++;
  }
  t.columnas.forEach((c, j) => {
    ws.getColumn(j + 1).width = fittedWidth(c, rows.map((x) => x.r));
  });
}

/** The stored value: percentages as fractions, booleans as sí/no, formulas with their cached result. */
function cellValue(r: Record<string, Valor>, c: Columna, rowNumber: number, keys: Map<string, number>): ExcelJS.CellValue {
  const v = r[c.clave] ?? null;
  if (v == null) return null;
  if (typeof v === 'boolean') return v ? 'sí' : 'no';
  // A string is written as a string cell: Excel shows `=HYPERLINK(…)` from an input, never runs it.
  if (typeof v === 'string') return v;
  const stored = roundForOutput(c.tipo === 'porcentaje' ? v / 100 : v);
  if (!Number.isFinite(stored)) return null;
  const formula = c.formula ? formulaFor(c, r, rowNumber, keys) : null;
  return formula ? { formula, result: stored } : stored;
}

/** `{numerador}/{denominador}*{factor}` → `J5/K5*L5`; null when a referenced cell holds no number. */
export function formulaFor(c: Columna, r: Record<string, Valor>, rowNumber: number, keys: Map<string, number>): string | null {
  let ok = true;
  const expr = c.formula!.replace(/\{([^}]+)\}/g, (_m, key: string) => {
    const col = keys.get(key);
    if (col == null || typeof r[key] !== 'number' || !Number.isFinite(r[key] as number)) ok = false;
    return col == null ? '0' : `${columnLetter(col)}${rowNumber}`;
  });
  if (!ok) return null;
  return c.tipo === 'porcentaje' ? `(${expr})/100` : expr;
}

/** Rules Excel evaluates on open and after every edit; returns the legend lines. */
function addConditionalFormats(ws: ExcelJS.Worksheet, t: Tabla, lastData: number): string[] {
  const legend: string[] = [];
  t.columnas.forEach((c, j) => {
    if (!c.estilo) return;
    const L = columnLetter(j + 1);
    const ref = `${L}${DATA_ROW}:${L}${lastData}`;
    const top = `${L}${DATA_ROW}`;
    const scale = c.tipo === 'porcentaje' ? 100 : 1;
    if (c.estilo === 'cumplimiento') {
      const umbral = c.umbral ?? 95;
      const sobre = c.sobrecumplimiento === undefined ? 130 : c.sobrecumplimiento;
      const rules: ExcelJS.ConditionalFormattingRule[] = [];
      if (sobre != null) {
        rules.push({ type: 'expression', priority: 1, formulae: [`AND(ISNUMBER(${top}),${top}>${sobre / scale})`], style: STYLE.cf.sobre });
      }
      rules.push({ type: 'expression', priority: 2, formulae: [`AND(ISNUMBER(${top}),${top}>=${umbral / scale})`], style: STYLE.cf.cumple });
      rules.push({ type: 'expression', priority: 3, formulae: [`AND(ISNUMBER(${top}),${top}<${umbral / scale})`], style: STYLE.cf.noCumple });
      ws.addConditionalFormatting({ ref, rules });
      legend.push(
        `${c.titulo}: verde cumple (≥ ${formatValor(umbral, c)}), rojo no cumple${sobre != null ? `, ámbar sobrecumplimiento (> ${formatValor(sobre, c)})` : ''}.`,
      );
    } else {
      // exceljs 4.4 needs cfvo and color spelled out for a data bar (exceljs#3015).
      const cfvo: ExcelJS.Cvfo[] =
        c.estilo === 'logro' ? [{ type: 'num', value: 0 }, { type: 'num', value: 100 / scale }] : [{ type: 'min' }, { type: 'max' }];
      const rule = { type: 'dataBar', priority: 4, gradient: false, cfvo, color: { argb: STYLE.cf.barra } } as ExcelJS.DataBarRuleType;
      ws.addConditionalFormatting({ ref, rules: [rule] });
    }
  });
  return legend;
}

/** Width in characters that fits the header and the longest shown value, within 8–60. */
function fittedWidth(c: Columna, rows: Record<string, Valor>[]): number {
  const longestWord = Math.max(...c.titulo.split(/\s+/).map((w) => w.length));
  let w = Math.max(longestWord, Math.min(c.titulo.length, 24));
  for (const r of rows) {
    const text = formatValor(r[c.clave] ?? null, c);
    w = Math.max(w, ...text.split('\n').map((l) => l.length));
  }
  const fitted = Math.min(60, Math.max(8, w + 2));
  // exceljs takes a width of exactly 9 for its default and does not write it (Excel would show 8,43).
  return fitted === 9 ? 9.5 : fitted;
}
