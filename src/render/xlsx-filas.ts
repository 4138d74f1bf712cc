import type ExcelJS from 'exceljs';
import { excel } from '../io/exceljs.js';

/**
 * What the streamed report uses of exceljs 4.4's streaming writer beyond its typings
 * (lib/stream/xlsx/worksheet-writer.js, lib/xlsx/xform/style/styles-xform.js):
 * - `workbook.styles.addStyleModel(style, type)`: the id (`s="…"`) of a cell style, registered
 *   in styles.xml, as exceljs's own cells get it (a style object seen before keeps its id);
 * - `worksheet.stream`: the sheet's XML part, where rows are written once the sheet's columns
 *   and `<sheetData>` are (exceljs writes them with the first committed row);
 * - `worksheet.stream.pipes[0]`: the zip entry the part flows into. exceljs has no
 *   backpressure (exceljs#734): rows committed faster than zlib compresses pile up there.
 * Data rows are written as XML text rather than through exceljs's Row and Cell objects: those
 * cost ~30 µs a row and keep every formula cell's model to the end of the sheet (its shared
 * formula table), a million rows' worth.
 */
export interface LibroInterno {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number };
}

interface EntradaZip {
  _writableState?: { length: number };
  once(event: string, f: () => void): unknown;
  removeListener(event: string, f: () => void): unknown;
}

export interface HojaInterna {
  stream: { write(xml: Buffer): unknown; pipes?: EntradaZip[] };
}

/** Bytes of a sheet waiting to be compressed: null when the zip has not reached the sheet yet (or exceljs changed). */
export function atraso(ws: HojaInterna): number | null {
  const dest = ws.stream.pipes?.[0];
  return dest?._writableState ? dest._writableState.length : null;
}

/** Resolves when the sheet's zip entry has taken what is waiting (or has ended). */
export function drenado(ws: HojaInterna): Promise<void> {
  const dest = ws.stream.pipes?.[0];
  if (!dest) return new Promise((resolve) => setTimeout(resolve, 2));
  return new Promise((resolve) => {
    const done = () => {
      for (const e of ['drain', 'close', 'error', 'finish']) dest.removeListener(e, done);
      resolve();
    };
    for (const e of ['drain', 'close', 'error', 'finish']) dest.once(e, done);
  });
}

/**
 * One cell as exceljs's CellXform writes it without shared strings: text as `t="str"`, a
 * formula with its cached number, an empty cell only when it has a style.
 */
export function celdaXml(ref: string, s: number, v: ExcelJS.CellValue, encode: (s: string) => string = xmlEncode): string {
  const sa = s ? ` s="${s}"` : '';
  if (v == null) return s ? `<c r="${ref}"${sa}/>` : '';
  if (typeof v === 'number') return `<c r="${ref}"${sa}><v>${v}</v></c>`;
  if (typeof v === 'string') return `<c r="${ref}"${sa} t="str"><v>${encode(v)}</v></c>`;
  const f = v as ExcelJS.CellFormulaValue;
  return `<c r="${ref}"${sa}><f>${xmlEncode(f.formula)}</f><v>${f.result as number}</v></c>`;
}

export function filaXml(row: number, ultimaColumna: number, celdas: string): string {
  return `<row r="${row}" spans="1:${ultimaColumna}" x14ac:dyDescent="0.25">${celdas}</row>`;
}

/** The cell type exceljs registers a style with: a number's (with `General`) unless the cell holds text. */
export function tipoDe(v: ExcelJS.CellValue): ExcelJS.ValueType {
  return typeof v === 'string' ? excel().ValueType.String : excel().ValueType.Number;
}

/** xmlEncode remembering its last text: a column repeats the same servicio and indicador row after row. */
export function xmlEncodeMemo(): (s: string) => string {
  let last: string | null = null;
  let out = '';
  return (s) => {
    if (s !== last) {
      last = s;
      out = xmlEncode(s);
    }
    return out;
  };
}

const ESCAPE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** As exceljs's xmlEncode: the five entities, and the control characters XML 1.0 forbids dropped. */
export function xmlEncode(s: string): string {
  if (!ESCAPE.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  return s.replace(/[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g, (ch) => ESCAPES[ch] ?? '');
}
