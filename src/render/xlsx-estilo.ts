import type ExcelJS from 'exceljs';
import type { Columna } from './model.js';

/** Colours and fonts shared by the workbooks pbr writes (reports, annotated copies, templates). */
export const STYLE = {
  title: { bold: true, size: 14 } as Partial<ExcelJS.Font>,
  source: { italic: true, color: { argb: 'FF595959' } } as Partial<ExcelJS.Font>,
  note: { italic: true, color: { argb: 'FF595959' } } as Partial<ExcelJS.Font>,
  header: {
    font: { bold: true, color: { argb: 'FFFFFFFF' } } as Partial<ExcelJS.Font>,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } } as ExcelJS.Fill,
  },
  border: {
    top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
    bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
    left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
    right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  } as Partial<ExcelJS.Borders>,
  totalBorder: {
    top: { style: 'medium', color: { argb: 'FF000000' } },
    bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
    left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
    right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  } as Partial<ExcelJS.Borders>,
  cf: {
    cumple: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } }, font: { color: { argb: 'FF006100' } } } as Partial<ExcelJS.Style>,
    noCumple: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { color: { argb: 'FF9C0006' } } } as Partial<ExcelJS.Style>,
    sobre: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } }, font: { color: { argb: 'FF9C5700' } } } as Partial<ExcelJS.Style>,
    barra: 'FF638EC6',
  },
  /** An issue's cell in the annotated copy: red for an error, yellow for a warning. */
  issue: {
    error: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as ExcelJS.Fill,
    advertencia: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } } as ExcelJS.Fill,
  },
  link: { color: { argb: 'FF0563C1' }, underline: true } as Partial<ExcelJS.Font>,
};

/**
 * The number format of a column. Format codes in an xlsx are locale-neutral (`.` decimal,
 * `,` thousands): Excel in Chile shows `0.0%` as 95,4 % and `#,##0` as 1.234.
 */
export function numFmt(c: Columna): string {
  const d = c.decimales ?? (c.tipo === 'porcentaje' ? 1 : c.tipo === 'entero' ? 0 : 2);
  const frac = d > 0 ? `.${'0'.repeat(d)}` : '';
  if (c.tipo === 'porcentaje') return `0${frac}%`;
  if (c.tipo === 'entero') return '#,##0';
  return `#,##0${frac}`;
}

/** A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Hoja';
  let name = base;
  for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 1)} ${k}`;
  used.add(name.toLowerCase());
  return name;
}
