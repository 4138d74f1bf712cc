import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { InputError } from '../core/errors.js';
import { a1 } from '../core/report.js';
import type { Cell, CellValue, Row } from './cell.js';
import { formatCount, type Limits } from './limits.js';
import { cerrarCelda, columnaFueraDeLimite, filaFueraDeLimite, formatoDeNumero, revisarLargo } from './read-xlsx.js';
import { LectorXmlHoja, XmlMalFormado } from './xml-hoja.js';
import { entryData, type ZipEntry } from './zip-guard.js';

/**
 * The streaming .xlsx reader: each worksheet's XML inflated from the zip as a stream and read
 * with saxes (the XML parser exceljs itself uses), straight into pbr's plain cells. exceljs's
 * streaming reader builds its whole cell model (styles, rows, columns) for every cell and, when
 * the sheet comes before the shared strings in the zip (as Excel and exceljs write them), copies
 * the sheet to a temporary file first: on a 200 000-row workbook it took 12 s where this takes
 * about 4. The values follow exceljs's whole-file reader (its number formats, dates, shared
 * strings and formula results), so a large file reads as the same file would small; a test
 * holds the two readers equal cell by cell on every fixture and on random workbooks.
 */

/** What a sheet's cells need from the rest of the workbook. */
export interface LibroXlsx {
  /** The worksheets in tab order, with their part in the zip. */
  hojas: { name: string; part: string }[];
  /** `null` for a shared string with no text at all. */
  sharedStrings: (string | null)[];
  /** Number format of each cell style (`cellXfs` index), as exceljs resolves it. */
  formatos: (string | undefined)[];
  date1904: boolean;
}

interface ExcelUtils {
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(v: number, date1904: boolean): Date;
  xmlDecode(text: string): string;
}

/** exceljs's own helpers (date formats, serial dates, its second XML decode), without loading all of exceljs. */
function utils(): { u: ExcelUtils; builtin: Record<number, { f: string } | undefined> } {
  if (!cargados) {
    const req = createRequire(import.meta.url);
    cargados = { u: req('exceljs/lib/utils/utils.js') as ExcelUtils, builtin: req('exceljs/lib/xlsx/defaultnumformats.js') as Record<number, { f: string }> };
  }
  return cargados;
}
let cargados: ReturnType<typeof utils> | undefined;

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Shared strings use `_x000D_` for characters XML cannot hold, as exceljs decodes them. */
const decodeX = (s: string) => (s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));

/** Feeds one part's XML to a saxes parser, inflated as a stream; resolves when it is all read. */
async function* xmlDe(buf: Buffer, e: ZipEntry, file: string): AsyncIterable<string> {
  const data = entryData(buf, e, file);
  if (e.method === 0) {
    yield data.toString('utf8');
    return;
  }
  const inflate = createInflateRaw({ chunkSize: 1 << 16 });
  inflate.setEncoding('utf8');
  inflate.end(data);
  for await (const chunk of inflate as AsyncIterable<string>) yield chunk;
}

/** saxes reports a malformed document through its error event: thrown, so the read stops there. */
function parser(): SaxesParser {
  const p = new SaxesParser({ xmlns: false, position: false });
  p.on('error', (err) => {
    throw new XmlMalFormado(String(err.message).slice(0, 160));
  });
  return p;
}

async function parsePart(buf: Buffer, e: ZipEntry | undefined, file: string, setup: (p: SaxesParser) => void): Promise<void> {
  if (!e) return;
  const p = parser();
  setup(p);
  try {
    for await (const chunk of xmlDe(buf, e, file)) p.write(chunk);
    p.close();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: el XML del libro está mal formado (${e.name}: ${String((err as Error)?.message ?? err).slice(0, 160)}).`, file);
  }
}

const norm = (name: string) => name.replace(/^\//, '');

/** The workbook's sheets, shared strings and styles: what every sheet's cells refer to. */
export async function abrirLibroXlsx(buf: Buffer, entries: ZipEntry[], file: string): Promise<LibroXlsx> {
  const byName = new Map(entries.map((e) => [norm(e.name), e]));
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  await parsePart(buf, byName.get('xl/workbook.xml'), file, (p) =>
    p.on('opentag', (t: SaxesTagPlain) => {
      const n = local(t.name);
      // The relationship id, whatever prefix its namespace was given (`r:id` as Excel writes it).
      if (n === 'sheet') sheets.push({ name: t.attributes.name ?? '', rid: t.attributes['r:id'] ?? Object.entries(t.attributes).find(([k]) => k.endsWith(':id'))?.[1] ?? '' });
      else if (n === 'workbookPr') date1904 = t.attributes.date1904 === '1' || t.attributes.date1904 === 'true';
    }),
  );
  const targets = new Map<string, string>();
  await parsePart(buf, byName.get('xl/_rels/workbook.xml.rels'), file, (p) =>
    p.on('opentag', (t: SaxesTagPlain) => {
      if (local(t.name) === 'Relationship' && /\/worksheet$/.test(t.attributes.Type ?? '')) {
        const target = t.attributes.Target ?? '';
        targets.set(t.attributes.Id ?? '', target.startsWith('/') ? norm(target) : posix.normalize(`xl/${target}`));
      }
    }),
  );
  const hojas = sheets.filter((s) => targets.has(s.rid)).map((s) => ({ name: s.name, part: targets.get(s.rid)! }));

  const { builtin } = utils();
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  await parsePart(buf, byName.get('xl/styles.xml'), file, (p) => {
    let inXfs = false;
    p.on('opentag', (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === 'numFmt') custom.set(Number(t.attributes.numFmtId), t.attributes.formatCode ?? '');
      else if (n === 'cellXfs') inXfs = true;
      else if (n === 'xf' && inXfs) xfs.push(Number(t.attributes.numFmtId ?? 0));
    });
    p.on('closetag', (t: SaxesTagPlain) => {
      if (local(t.name) === 'cellXfs') inXfs = false;
    });
  });
  // As exceljs's getStyleModel: format 0 (General) or none is no format.
  const formatos = xfs.map((id) => (id ? custom.get(id) || builtin[id]?.f || undefined : undefined));

  const sharedStrings: (string | null)[] = [];
  await parsePart(buf, byName.get('xl/sharedStrings.xml'), file, (p) => {
    let parts: string[] | null = null;
    let conTexto = false;
    let inT = false;
    let phonetic = 0;
    p.on('opentag', (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === 'si') {
        parts = [];
        conTexto = false;
      } else if (n === 'rPh') phonetic++;
      else if (n === 't' && phonetic === 0) {
        conTexto = true;
        if (!t.isSelfClosing) inT = true;
      }
    });
    p.on('text', (text: string) => {
      if (inT && parts) parts.push(text);
    });
    p.on('closetag', (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === 't') inT = false;
      else if (n === 'rPh') phonetic--;
      else if (n === 'si' && parts) {
        // A `<si>` with no `<t>` is no value, as exceljs reads it (its cells come out empty); `<t/>` is ''.
        sharedStrings.push(conTexto ? decodeX(parts.join('')) : null);
        parts = null;
      }
    });
  });
  return { hojas, sharedStrings, formatos, date1904 };
}

/** One `<c>` as read: its attributes and the texts of its `<v>`, `<f>` and inline string. */
interface CeldaXml {
  col: number;
  s: number;
  t: string | undefined;
  v: string | undefined;
  f: string | undefined;
  shared: { si: string; master: boolean } | null;
  inline: string[] | null;
  inlineRich: boolean;
}

const TIPOS = ['s', 'str', 'inlineStr', 'b', 'e', 'n', 'd'] as const;

/**
 * The rows of one worksheet, as the whole-file reader gives them (before merged ranges, which
 * the caller fills in; empty rows are given too, a range may fill them): a row at a time, in
 * memory that does not grow with the sheet.
 */
export async function* filasXlsx(buf: Buffer, e: ZipEntry, sheet: string, libro: LibroXlsx, file: string, limits: Limits): AsyncIterable<Row> {
  const { u } = utils();
  const { sharedStrings, formatos, date1904 } = libro;
  const listas: Row[] = [];
  const formulasCompartidas = new Map<string, string>();
  let rowIndex = 0;
  let cells: (Cell | undefined)[] | null = null;
  let lastCol = 0;
  let c: CeldaXml | null = null;
  /** What the text goes to: a `<v>`, an `<f>`, an inline `<t>`. */
  let destino: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;

  const xml = new LectorXmlHoja({
    quiereTexto: () => destino !== null,
    texto(text) {
      if (!c) return;
      if (destino === 'v') c.v += text;
      else if (destino === 'f') c.f += text;
      else if (destino === 't') c.inline!.push(text);
    },
    abre(t) {
      const n = t.local;
      if (n === 'c') {
        if (!cells) return;
        const col = t.columna('r') || lastCol + 1;
        lastCol = col;
        if (col > limits.maxColumnas) throw columnaFueraDeLimite(file, sheet, rowIndex, col, limits);
        const s = t.entero('s');
        c = { col, s: Number.isNaN(s) ? 0 : s, t: t.atributoDe('t', TIPOS), v: undefined, f: undefined, shared: null, inline: null, inlineRich: false };
      } else if (n === 'row') {
        const r = t.entero('r');
        if (Number.isNaN(r) && t.tiene('r')) throw new XmlMalFormado(`una fila con número inválido (r="${String(t.atributo('r')).slice(0, 20)}")`);
        // Rows come in ascending order (ECMA-376); a reader in one pass cannot sort or merge them.
        if (!Number.isNaN(r) && (r < 1 || r <= rowIndex)) {
          throw new InputError(`${file}, hoja ${sheet}: la fila ${formatCount(r)} viene después de la fila ${formatCount(rowIndex)}; en un libro .xlsx las filas van en orden creciente (el libro está dañado o no lo escribió Excel).`, file);
        }
        rowIndex = Number.isNaN(r) ? rowIndex + 1 : r;
        if (rowIndex > limits.maxFilas) throw filaFueraDeLimite(file, sheet, rowIndex, limits);
        cells = [];
        lastCol = 0;
      } else if (!c) return;
      else if (n === 'v') {
        destino = 'v';
        c.v ??= '';
      } else if (n === 'f') {
        destino = 'f';
        c.f ??= '';
        const si = t.atributo('si');
        if (si !== undefined && t.atributo('t') === 'shared') c.shared = { si, master: t.atributo('ref') !== undefined };
      } else if (n === 'is') c.inline = [];
      else if (n === 'r' && c.inline) c.inlineRich = true;
      else if (n === 'rPh') phonetic++;
      else if (n === 't' && c.inline && phonetic === 0) destino = 't';
    },
    cierra(n) {
      if (n === 'c') {
        if (c && cells) {
          const cell = celdaDe(c, sheet, rowIndex, sharedStrings, formatos[c.s], date1904, u, formulasCompartidas);
          if (cell) {
            revisarLargo(cell, file, limits);
            cells[c.col - 1] = cell;
          }
        }
        c = null;
        destino = null;
      } else if (n === 'row') {
        if (cells) listas.push({ index: rowIndex, cells });
        cells = null;
      } else if (n === 'v' || n === 'f' || n === 't') destino = null;
      else if (n === 'rPh') phonetic--;
    },
  });

  try {
    for await (const chunk of xmlDe(buf, e, file)) {
      xml.write(chunk);
      for (let k = 0; k < listas.length; k++) yield listas[k];
      listas.length = 0;
    }
    xml.close();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}, hoja ${sheet}: el XML de la hoja está mal formado; el libro está dañado (${String((err as Error)?.message ?? err).slice(0, 200)}).`, file);
  }
  for (const row of listas) yield row;
}

/** A number format read once per workbook: toCell's reading of it, and whether it shows a date. */
const formatoCache = new Map<string, { percent: boolean; decimals: number | undefined; date: boolean }>();
function formatoDe(fmt: string, u: ExcelUtils) {
  let f = formatoCache.get(fmt);
  if (!f) {
    f = { ...formatoDeNumero(fmt), date: u.isDateFmt(fmt) };
    if (formatoCache.size < 1000) formatoCache.set(fmt, f);
  }
  return f;
}

/** One `<c>` as a plain cell, as exceljs's whole-file reader and toCell make it. */
function celdaDe(
  c: CeldaXml,
  sheet: string,
  row: number,
  sst: (string | null)[],
  fmt: string | undefined,
  date1904: boolean,
  u: ExcelUtils,
  compartidas: Map<string, string>,
): Cell | undefined {
  const address = a1(row, c.col);
  const cell: Cell = { sheet, address, row, col: c.col, value: null };
  const formato = fmt ? formatoDe(fmt, u) : null;
  if (formato) {
    if (formato.percent) cell.percent = true;
    cell.formatDecimals = formato.decimals;
  }
  let value: CellValue = null;
  // An empty `<v/>` or `<is/>` holds no value (exceljs sees none: no text event).
  const v = c.inline ? (c.inline.length > 0 ? c.inline.join('') : undefined) : c.v === '' ? undefined : c.v;
  if (c.f !== undefined) {
    // A shared formula's copies name the cell that holds it, as exceljs gives them.
    let formula = c.f;
    if (c.shared) {
      if (c.shared.master) compartidas.set(c.shared.si, address);
      else formula = compartidas.get(c.shared.si) ?? '';
    }
    if (formula) cell.formula = formula;
    if (v) {
      if (c.t === 'str') value = u.xmlDecode(v);
      else if (c.t === 'b') value = parseInt(v, 10) !== 0;
      else if (c.t === 'e') cell.error = v;
      else {
        const n = parseFloat(v);
        value = formato?.date ? u.excelToDate(n, date1904) : n;
      }
    }
  } else if (v !== undefined) {
    switch (c.t) {
      case 's': {
        const i = parseInt(v, 10);
        if (!(i >= 0 && i < sst.length)) throw new XmlMalFormado(`la celda ${address} usa el texto compartido ${v.slice(0, 12)}, que el libro no tiene`);
        value = sst[i];
        break;
      }
      case 'str':
        value = u.xmlDecode(v);
        break;
      case 'inlineStr':
        value = c.inlineRich ? decodeX(v) : v;
        break;
      case 'b':
        value = parseInt(v, 10) !== 0;
        break;
      case 'e':
        cell.error = v;
        break;
      default: {
        const n = parseFloat(v);
        value = formato?.date ? u.excelToDate(n, date1904) : n;
      }
    }
  }
  cell.value = value;
  return cerrarCelda(cell);
}
