import type ExcelJS from 'exceljs';
import { excel } from './exceljs.js';
import { a1, quoteSheet } from '../core/report.js';
import { InputError } from '../core/errors.js';
import type { Cell, CellValue, Sheet } from './cell.js';
import { formatCount, howToRaise, limitsFromEnv, type Limits } from './limits.js';
import { MAX_PROFUNDIDAD_XML, xmlDemasiadoProfundo } from './profundidad-xml.js';
import { inspectXlsx } from './zip-guard.js';

/**
 * Reads every sheet of an .xlsx into plain cells. exceljs's cell objects (formula, rich
 * text, hyperlink, error, merge) stop here: the rest of pbr sees values and addresses.
 */
export async function readXlsx(buffer: Buffer, file: string, limits: Limits = limitsFromEnv()): Promise<Sheet[]> {
  // The zip is inspected first: a bomb, a DTD or a lying part never reaches exceljs.
  await inspectXlsx(buffer, file, limits);
  const wb = new (excel().Workbook)();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw await loadError(err, buffer, file, limits);
  }
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    const rows: Sheet['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber > limits.maxFilas) throw filaFueraDeLimite(file, ws.name, rowNumber, limits);
      const cells: (Cell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (c, colNumber) => {
        if (colNumber > limits.maxColumnas) throw columnaFueraDeLimite(file, ws.name, rowNumber, colNumber, limits);
        const cell = toCell(c, ws.name, rowNumber, colNumber);
        if (cell) revisarLargo(cell, file, limits);
        if (cell) cells[colNumber - 1] = cell;
      });
      if (cells.length > 0) rows.push({ index: rowNumber, cells });
    });
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}

/**
 * exceljs's and saxes's errors, said in Spanish; the detail stays in parentheses. XML nested
 * deeper than Excel ever writes makes exceljs fail with a message of its own (a TypeError,
 * or a stack overflow): the parts are measured to say so.
 */
async function loadError(err: unknown, buffer: Buffer, file: string, limits: Limits): Promise<InputError> {
  if (err instanceof InputError) return err;
  const e = err as Error;
  const hondo = await xmlDemasiadoProfundo(buffer, file, limits).catch(() => null);
  if (hondo || (e instanceof RangeError && /call stack/i.test(e.message))) {
    const donde = hondo ? ` a más de ${formatCount(MAX_PROFUNDIDAD_XML)} niveles (${hondo.parte})` : '';
    return new InputError(`${file}: el XML del libro está mal formado: anida elementos${donde}, más hondo de lo que Excel escribe; el libro está dañado o fue fabricado.`, file);
  }
  const msg = String(e?.message ?? err).slice(0, 200);
  if (/^[\w/.\[\]-]+\.(xml|rels):\d+:\d+:/.test(msg) || /unclosed|unexpected|xml|tag/i.test(msg)) {
    return new InputError(`${file}: el XML del libro está mal formado (${msg}).`, file);
  }
  // Anything else is exceljs tripping over a structure Excel never writes.
  return new InputError(`${file}: no se pudo leer como libro .xlsx: está dañado o no sigue el formato de Excel (detalle: ${msg}).`, file);
}

/** A row past `PBR_MAX_FILAS`, said the same by both .xlsx readers. */
export function filaFueraDeLimite(file: string, sheet: string, row: number, limits: Limits): InputError {
  return new InputError(`${file}, hoja ${sheet}: tiene datos en la fila ${formatCount(row)}; el máximo es ${formatCount(limits.maxFilas)} ${howToRaise('maxFilas')}.`, file);
}

export function columnaFueraDeLimite(file: string, sheet: string, row: number, col: number, limits: Limits): InputError {
  return new InputError(`${file}, hoja ${sheet}: tiene datos en la columna ${formatCount(col)} (${quoteSheet(sheet)}!${a1(row, col)}); el máximo es ${formatCount(limits.maxColumnas)} ${howToRaise('maxColumnas')}.`, file);
}

/** A text cell longer than Excel holds ends the read. */
export function revisarLargo(cell: Cell, file: string, limits: Limits): void {
  if (typeof cell.value === 'string' && cell.value.length > limits.maxCelda) {
    throw new InputError(
      `${file}: la celda ${quoteSheet(cell.sheet)}!${cell.address} tiene ${formatCount(cell.value.length)} caracteres; el máximo es ${formatCount(limits.maxCelda)} (lo que Excel admite) ${howToRaise('maxCelda')}.`,
      file,
    );
  }
}

/** What a number format says of a cell: shown as a percentage, and with how many decimals. */
export function formatoDeNumero(fmt: string): { percent: boolean; decimals: number | undefined } {
  const dec = /0[.,](0+)/.exec(fmt);
  return { percent: /%/.test(stripQuoted(fmt)), decimals: dec ? dec[1].length : /0/.test(fmt) ? 0 : undefined };
}

/**
 * The last rules of a plain cell, the same for both .xlsx readers: a NaN result (an error read
 * as a number) is an error; an empty cell is kept only merged or with a formula (a file never
 * opened in Excel has no cached result, and its formula can still be named).
 */
export function cerrarCelda(cell: Cell): Cell | undefined {
  if (typeof cell.value === 'number' && !Number.isFinite(cell.value)) {
    cell.value = null;
    cell.error ??= '#¡ERROR!';
  }
  if (cell.value == null && !cell.error) return cell.merged || cell.formula ? cell : undefined;
  return cell;
}

/** One exceljs cell as a plain cell. */
export function toCell(c: ExcelJS.Cell, sheet: string, row: number, col: number): Cell | undefined {
  const source = c.isMerged && c.master && c.master !== c ? c.master : c;
  const cell: Cell = { sheet, address: a1(row, col), row, col, value: null };
  if (source !== c) cell.merged = true;
  const fmt = source.numFmt ?? c.numFmt;
  if (fmt) {
    const f = formatoDeNumero(fmt);
    if (f.percent) cell.percent = true;
    cell.formatDecimals = f.decimals;
  }
  const { value, error, formula } = plainValue(source.value);
  cell.value = value;
  if (error) cell.error = error;
  if (formula) cell.formula = formula;
  return cerrarCelda(cell);
}

function stripQuoted(fmt: string): string {
  return fmt.replace(/"[^"]*"/g, '').replace(/\\./g, '');
}

interface Plain {
  value: CellValue;
  error?: string;
  formula?: string;
}

/** exceljs value objects to a plain value. */
function plainValue(v: ExcelJS.CellValue): Plain {
  if (v == null) return { value: null };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: v };
  const o = v as unknown as Record<string, unknown>;
  if ('error' in o) return { value: null, error: String(o.error) };
  if ('richText' in o && Array.isArray(o.richText)) {
    return { value: (o.richText as { text: string }[]).map((r) => r.text).join('') };
  }
  if ('formula' in o || 'sharedFormula' in o) {
    const inner = plainValue((o.result ?? null) as ExcelJS.CellValue);
    return { ...inner, formula: String(o.formula ?? o.sharedFormula) };
  }
  if ('hyperlink' in o) {
    const t = o.text;
    if (t && typeof t === 'object' && 'richText' in (t as object)) return plainValue(t as ExcelJS.CellValue);
    return { value: t == null ? null : String(t) };
  }
  if ('text' in o) return { value: String(o.text) };
  return { value: null };
}
