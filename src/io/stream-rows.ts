import { createReadStream, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../core/errors.js';
import { a1 } from '../core/report.js';
import type { Cell, Row } from './cell.js';
import { filaCsv, LectorRegistros, lineBreakOf, type Registro } from './csv-registros.js';
import { formatCount, howToRaise, limitsFromEnv, type Limits } from './limits.js';
import { lectura, leyendoArchivo, leyendoHoja } from './progreso.js';
import { ComprobadorUtf8, decodeText, detectDelimiter, type Delimiter, type Encoding } from './read-csv.js';
import { fixWindows1252 } from './windows-1252.js';
import { readWorkbook, sniffKind, type ReadOptions } from './read-workbook.js';
import { abrirLibroXlsx, filasXlsx } from './xlsx-flujo.js';
import { inspectXlsx } from './zip-guard.js';

/** One sheet's rows, read once, in order. */
export interface SheetRows {
  name: string;
  rows: AsyncIterable<Row>;
}

/**
 * A workbook read row by row: what the commands that may meet 200 000-row files consume.
 * Small files are read whole (every exceljs feature); large ones are streamed, so memory
 * does not grow with the rows.
 */
export interface RowSource {
  file: string;
  format: 'xlsx' | 'csv';
  /** True when the rows come from a stream rather than a workbook held in memory. */
  streamed: boolean;
  notes: string[];
  sheets(): AsyncIterable<SheetRows>;
}

export interface OpenOptions extends ReadOptions {
  /** `auto` streams files above `streamFrom` bytes; PBR_STREAM=always|never overrides. */
  stream?: 'auto' | 'always' | 'never';
  streamFrom?: number;
}

/** Files above 1 MiB are streamed (a few thousand rows); smaller ones are read whole. */
export const STREAM_FROM = 1024 * 1024;

const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252' } as const;
const DELIMITER_NAMES = { ';': "';'", ',': "','", '\t': 'tabulador' } as const;

export async function openRows(file: string, opts: OpenOptions = {}): Promise<RowSource> {
  const limits = opts.limits ?? limitsFromEnv();
  leyendoArchivo(file);
  const mode = opts.stream ?? streamModeFromEnv();
  const size = file === '-' ? 0 : await sizeOf(file);
  const stream = file !== '-' && size !== null && (mode === 'always' || (mode === 'auto' && size > (opts.streamFrom ?? STREAM_FROM)));
  if (!stream) {
    const wb = await readWorkbook(file, { ...opts, limits });
    return {
      file,
      format: wb.format,
      streamed: false,
      notes: wb.notes,
      async *sheets() {
        for (const s of wb.sheets) yield { name: s.name, rows: fromArray(s.name, s.rows) };
      },
    };
  }
  if (size! > limits.maxBytes) {
    throw new InputError(`${file}: pesa más de ${formatCount(limits.maxBytes)} bytes, el máximo que pbr lee ${howToRaise('maxBytes')}.`, file);
  }
  const head = await readHead(file, 64 * 1024);
  const kind = sniffKind(head, file);
  return kind === 'xlsx' ? openXlsxStream(file, limits) : openCsvStream(file, head, opts, limits);
}

function streamModeFromEnv(): 'auto' | 'always' | 'never' {
  const v = process.env.PBR_STREAM;
  return v === 'always' || v === 'never' ? v : 'auto';
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    const st = statSync(file);
    return st.isFile() ? st.size : null;
  } catch {
    return null; // readWorkbook says why in Spanish
  }
}

async function readHead(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function* fromArray(sheet: string, rows: Row[]): AsyncIterable<Row> {
  leyendoHoja(sheet);
  for (const row of rows) {
    lectura.filas++;
    yield row;
  }
}

/**
 * A large .xlsx, guarded like the whole-file reader (the zip inspected first), read a sheet at
 * a time by our streaming reader (xlsx-flujo.ts), with merged ranges applied by us.
 */
async function openXlsxStream(file: string, limits: Limits): Promise<RowSource> {
  const buf = await readFile(file);
  const inspection = await inspectXlsx(buf, file, limits);
  const libro = await abrirLibroXlsx(buf, inspection.entries, file);
  const partes = new Map(inspection.entries.map((e) => [e.name.replace(/^\//, ''), e]));
  return {
    file,
    format: 'xlsx',
    streamed: true,
    notes: [],
    async *sheets() {
      for (const hoja of libro.hojas) {
        const entry = partes.get(hoja.part);
        if (!entry) throw new InputError(`${file}: no es un libro .xlsx válido: falta la parte ${hoja.part} de la hoja ${hoja.name}.`, file);
        const merges = new MergeFiller(inspection.merges.get(hoja.part) ?? []);
        yield { name: hoja.name, rows: xlsxRows(filasXlsx(buf, entry, hoja.name, libro, file, limits), hoja.name, merges) };
      }
    },
  };
}

async function* xlsxRows(rows: AsyncIterable<Row>, sheet: string, merges: MergeFiller): AsyncIterable<Row> {
  leyendoHoja(sheet);
  for await (const row of rows) {
    lectura.filas++;
    merges.apply(row.index, row.cells, sheet);
    if (row.cells.length > 0) yield row;
  }
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
  master?: Cell;
}

/**
 * The streaming reader ignores merged cells: the ranges come from the zip inspection, and
 * each cell of a range takes the value of its top-left cell, as the whole-file reader gives.
 */
export class MergeFiller {
  private pending: Range[];
  private active: Range[] = [];
  constructor(refs: string[]) {
    this.pending = refs.map(parseRange).filter((r): r is Range => r !== null).sort((a, b) => b.top - a.top);
  }
  apply(row: number, cells: (Cell | undefined)[], sheet: string): void {
    while (this.pending.length && this.pending[this.pending.length - 1].top <= row) this.active.push(this.pending.pop()!);
    if (this.active.length === 0) return;
    this.active = this.active.filter((m) => m.bottom >= row);
    for (const m of this.active) {
      if (m.top === row) m.master = cells[m.left - 1];
      const master = m.master;
      for (let col = m.left; col <= m.right; col++) {
        if (row === m.top && col === m.left) continue;
        // An empty top-left cell still makes the others merged cells, empty ones (as exceljs reads them whole).
        cells[col - 1] = master ? { ...master, address: a1(row, col), row, col, sheet, merged: true } : { sheet, address: a1(row, col), row, col, value: null, merged: true };
      }
    }
  }
}

function parseRange(ref: string): Range | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4]), right: col(m[3]) };
}

/** UTF-8 when the whole file is valid UTF-8 (checked as a stream, up to its first invalid byte), else Windows-1252. */
async function detectEncodingStream(file: string): Promise<Encoding> {
  const utf8 = new ComprobadorUtf8();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    if (!utf8.push(chunk as Buffer)) return 'windows-1252';
  }
  return utf8.end() ? 'utf-8' : 'windows-1252';
}

async function openCsvStream(file: string, head: Buffer, opts: OpenOptions, limits: Limits): Promise<RowSource> {
  const encoding = opts.encoding ?? (await detectEncodingStream(file));
  const headText = decodeText(head, encoding);
  const delimiter: Delimiter = opts.delimiter ?? detectDelimiter(headText);
  const newline = lineBreakOf(headText);
  const notes: string[] = [];
  if (!opts.encoding) notes.push(`${file}: codificación ${ENCODING_NAMES[encoding]} detectada.`);
  if (!opts.delimiter) notes.push(`${file}: separador ${DELIMITER_NAMES[delimiter]} detectado.`);
  return {
    file,
    format: 'csv',
    streamed: true,
    notes,
    async *sheets() {
      yield { name: '', rows: csvRows(file, encoding, delimiter, newline, limits) };
    },
  };
}

async function* csvRows(file: string, encoding: Encoding, delimiter: Delimiter, newline: '\n' | '\r', limits: Limits): AsyncIterable<Row> {
  // Bytes decoded a piece at a time (Latin-1 with Windows-1252's 0x80–0x9F block fixed, or UTF-8
  // with a decoder that keeps a character split between pieces) and handed to papaparse's parser.
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  const utf8 = encoding === 'utf-8' ? new StringDecoder('utf8') : null;
  const registros = new LectorRegistros(file, delimiter, newline, limits);
  const batch: Registro[] = [];
  let records = 0;
  leyendoHoja('');
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    registros.push(utf8 ? utf8.write(chunk) : fixWindows1252(chunk.toString('latin1')), batch);
    yield* filasDe(batch);
  }
  if (utf8) registros.push(utf8.end(), batch);
  registros.end(batch);
  yield* filasDe(batch);

  function* filasDe(recs: Registro[]): Iterable<Row> {
    for (let k = 0; k < recs.length; k++) {
      const { line, fields } = recs[k];
      lectura.filas++;
      if (++records > limits.maxFilas) {
        throw new InputError(`${file}: el CSV tiene más de ${formatCount(limits.maxFilas)} registros ${howToRaise('maxFilas')}.`, file);
      }
      const row = filaCsv(file, line, fields, limits);
      if (row) yield row;
    }
    recs.length = 0;
  }
}
