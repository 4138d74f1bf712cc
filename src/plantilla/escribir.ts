import type ExcelJS from 'exceljs';
import { excel } from '../io/exceljs.js';
import { stringify } from 'csv-stringify/sync';
import { columnLetter, quoteSheet } from '../core/report.js';
import { inertText } from '../render/csv.js';
import { STYLE } from '../render/xlsx-estilo.js';
import { FILAS_PLANTILLA, type ColumnaPlantilla, type Plantilla } from './modelo.js';

export const HOJA_INSTRUCCIONES = 'Instrucciones';
export const HOJA_LISTAS = 'Listas';

/**
 * The template as a workbook: the data sheet first (header frozen, drop-downs, number formats,
 * checks on the first FILAS_PLANTILLA rows, the example in row 2), the extra sheets (productos
 * estratégicos), then "Instrucciones". A short list is written inline in its drop-down; a list
 * longer than Excel's 255 characters (the 16 GORE names) goes to a hidden sheet "Listas".
 */
export async function renderPlantillaXlsx(p: Plantilla): Promise<Uint8Array> {
  const wb = new (excel().Workbook)();
  wb.creator = 'pbr';
  const ws = wb.addWorksheet(p.hoja, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  writeHoja(ws, p.columnas, [p.ejemplo], p);
  for (const extra of p.extra ?? []) {
    writeHoja(wb.addWorksheet(extra.hoja, { views: [{ state: 'frozen', ySplit: 1 }] }), extra.columnas, extra.filas, p);
  }
  const instr = wb.addWorksheet(HOJA_INSTRUCCIONES);
  instr.getColumn(1).width = 120;
  p.instrucciones.forEach((line, i) => {
    const cell = instr.getCell(i + 1, 1);
    cell.value = line;
    if (i === 0) cell.font = STYLE.title;
  });
  const start = p.instrucciones.length + 2;
  instr.getCell(start, 1).value = 'Columnas';
  instr.getCell(start, 1).font = { bold: true };
  p.columnas.forEach((c, i) => {
    instr.getCell(start + 1 + i, 1).value = `${c.titulo}: ${c.ayuda}`;
  });

  const largas = Object.entries(p.listas).filter(([, v]) => !inlineList(v));
  if (largas.length) {
    const listas = wb.addWorksheet(HOJA_LISTAS, { state: 'hidden' });
    largas.forEach(([nombre, valores], k) => {
      const L = columnLetter(k + 1);
      listas.getCell(`${L}1`).value = nombre;
      valores.forEach((v, i) => {
        listas.getCell(`${L}${i + 2}`).value = v;
      });
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** `"Eficacia,Eficiencia,…"` when it fits Excel's 255 characters and no item has a comma; else null. */
function inlineList(valores: string[]): string | null {
  const joined = valores.join(',');
  return joined.length <= 253 && !valores.some((v) => v.includes(',') || v.includes('"')) ? `"${joined}"` : null;
}

function listFormula(c: ColumnaPlantilla, p: Plantilla): string | null {
  if (c.listaDe) {
    const L = columnLetter(c.listaDe.columna);
    return `${quoteSheet(c.listaDe.hoja)}!$${L}$2:$${L}$${FILAS_PLANTILLA + 1}`;
  }
  if (!c.lista) return null;
  const valores = p.listas[c.lista];
  const inline = inlineList(valores);
  if (inline) return inline;
  const k = Object.entries(p.listas).filter(([, v]) => !inlineList(v)).findIndex(([n]) => n === c.lista);
  const L = columnLetter(k + 1);
  return `${HOJA_LISTAS}!$${L}$2:$${L}$${valores.length + 1}`;
}

function writeHoja(ws: ExcelJS.Worksheet, columnas: ColumnaPlantilla[], filas: (string | number | null)[][], p: Plantilla): void {
  columnas.forEach((c, j) => {
    ws.getColumn(j + 1).width = c.ancho;
    const head = ws.getCell(1, j + 1);
    head.value = c.titulo;
    head.font = STYLE.header.font;
    head.fill = STYLE.header.fill;
    head.alignment = { wrapText: true, vertical: 'middle' };
    const dv = validationOf(c, listFormula(c, p));
    for (let r = 2; r <= FILAS_PLANTILLA + 1; r++) {
      const cell = ws.getCell(r, j + 1);
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (dv) cell.dataValidation = dv;
    }
    filas.forEach((fila, i) => {
      const v = fila[j];
      if (v != null) ws.getCell(2 + i, j + 1).value = v;
    });
  });
  ws.getRow(1).height = 32;
}

function validationOf(c: ColumnaPlantilla, lista: string | null): ExcelJS.DataValidation | null {
  if (lista) {
    return {
      type: 'list',
      allowBlank: true,
      formulae: [lista],
      showErrorMessage: true,
      errorStyle: 'error',
      errorTitle: c.titulo,
      error: `Elija un valor de la lista (${c.titulo}).`,
      showInputMessage: true,
      prompt: c.ayuda,
    };
  }
  if (c.numero) {
    const { tipo, min, max } = c.numero;
    return {
      type: tipo,
      allowBlank: true,
      operator: max == null ? 'greaterThanOrEqual' : 'between',
      formulae: max == null ? [min] : [min, max],
      showErrorMessage: true,
      errorStyle: 'error',
      errorTitle: c.titulo,
      error: max == null ? `Debe ser un número mayor o igual a ${min}.` : `Debe ser un número entre ${min} y ${max}.`,
      showInputMessage: true,
      prompt: c.ayuda,
    };
  }
  return { type: 'textLength', allowBlank: true, operator: 'lessThanOrEqual', formulae: [2000], showInputMessage: true, prompt: c.ayuda } as ExcelJS.DataValidation;
}

/** The template as CSV: the header and the example row, `;` by default, UTF-8 with a BOM (Excel reads its accents). */
export function renderPlantillaCsv(p: Plantilla, separador: ';' | ',' | '\t' = ';'): string {
  const ejemplo = p.ejemplo.map((v, j) => {
    if (v == null) return '';
    if (typeof v === 'number') return p.columnas[j].numFmt?.includes('%') ? `${String(v * 100)}%` : String(v);
    return inertText(v);
  });
  return `\uFEFF${stringify([p.columnas.map((c) => c.titulo), ejemplo], { delimiter: separador, record_delimiter: '\r\n' })}`;
}
