import { stringify } from 'csv-stringify/sync';
import type { Resultado, Tabla, Valor } from './model.js';

export interface CsvRenderOptions {
  separador: ';' | ',' | '\t';
  decimal: ',' | '.';
}

/**
 * One table as RFC 4180 CSV: raw numbers (percentages as numbers, not rounded), dot
 * decimals unless `decimal` is `,` (for Excel in Chile, with `;`). Totals rows follow the rows.
 */
export function renderCsvTabla(t: Tabla, opts: CsvRenderOptions): string {
  const rows = [...t.filas, ...(t.totales ?? [])].map((r) => t.columnas.map((c) => csvValue(r[c.clave] ?? null, opts)));
  return stringify([t.columnas.map((c) => c.titulo), ...rows], { delimiter: opts.separador, record_delimiter: '\r\n' });
}

export function renderCsv(resultado: Resultado, opts: CsvRenderOptions, tabla?: string): string {
  const t = tabla ? resultado.tablas.find((x) => x.nombre === tabla) : resultado.tablas[0];
  if (!t) return '';
  return renderCsvTabla(t, opts);
}

/** One value as the CSV shows it: raw numbers, the decimal mark asked for, formula-looking text inert. */
export function csvValue(v: Valor, opts: CsvRenderOptions): string {
  if (v == null) return '';
  if (typeof v === 'boolean') return v ? 'si' : 'no';
  if (typeof v === 'number') {
    const s = numeroTexto(v);
    return opts.decimal === ',' ? s.replace('.', ',') : s;
  }
  return inertText(v);
}

/** Floating noise off (0.1+0.2), never a meaningful digit: 12 significant digits. */
export function roundForOutput(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

/**
 * `String(roundForOutput(n))` without reading the rounded text back: toPrecision's digits less
 * their trailing zeros are already the shortest text of the rounded number (a decimal of 12
 * digits or fewer comes back from a double unchanged), except in exponent form, left to String.
 */
export function numeroTexto(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = n.toPrecision(12);
  if (s.includes('e')) return String(Number(s));
  if (!s.includes('.')) return s; // 12 integer digits: its zeros are digits, not padding
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`. */
export function inertText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
