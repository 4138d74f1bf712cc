import { isUtf8 } from 'node:buffer';
import { InputError, UsageError } from '../core/errors.js';
import type { Sheet } from './cell.js';
import { filaCsv, LectorRegistros, lineaDemasiadoLarga, lineBreakOf, type Registro } from './csv-registros.js';
import { decodeWindows1252 } from './windows-1252.js';
import { formatCount, howToRaise, limitsFromEnv, type Limits } from './limits.js';

export type Encoding = 'utf-8' | 'windows-1252';
export type Delimiter = ';' | ',' | '\t';

export interface CsvOptions {
  encoding?: Encoding;
  delimiter?: Delimiter;
}

export interface CsvResult {
  sheet: Sheet;
  encoding: Encoding;
  delimiter: Delimiter;
}

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM), else Windows-1252. */
export function detectEncoding(buffer: Uint8Array): Encoding {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8';
  return isUtf8(buffer) ? 'utf-8' : 'windows-1252';
}

/**
 * Whether bytes given piece by piece are all valid UTF-8, as a fatal TextDecoder would say
 * (no overlong forms, no surrogates), checked by Node's `buffer.isUtf8` (simdutf): a 75 MiB
 * CSV in 25 ms, where decoding it with a fatal TextDecoder only to throw the text away took
 * 350 ms. Each piece is checked up to the start of its last character, which may go on in the
 * next piece and is checked with it.
 */
export class ComprobadorUtf8 {
  private resto: Uint8Array = new Uint8Array(0);
  private valido = true;

  /** False as soon as the bytes so far cannot be UTF-8 (the rest need not be read). */
  push(trozo: Uint8Array): boolean {
    if (!this.valido) return false;
    const b = this.resto.length === 0 ? trozo : Buffer.concat([this.resto, trozo]);
    // The last character's first byte: back over at most three continuation bytes (10xxxxxx).
    let inicio = b.length - 1;
    while (inicio > 0 && inicio > b.length - 4 && (b[inicio] & 0xc0) === 0x80) inicio--;
    const corte = inicio >= 0 && b[inicio] >= 0xc0 ? inicio : b.length;
    this.valido = isUtf8(b.subarray(0, corte));
    this.resto = new Uint8Array(b.subarray(corte)); // a copy of ≤ 4 bytes, not a view that keeps the piece
    return this.valido;
  }

  /** Whether all the bytes were UTF-8, the last character included. */
  end(): boolean {
    return this.valido && isUtf8(this.resto);
  }
}

export function decodeText(buffer: Uint8Array, encoding: Encoding): string {
  const text = encoding === 'windows-1252' ? decodeWindows1252(buffer) : new TextDecoder('utf-8').decode(buffer);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The delimiter that splits the first lines into the same number of fields most
 * consistently; quoted fields are skipped. `;` wins ties: Chilean exports use it.
 */
export function detectDelimiter(text: string): Delimiter {
  // The first 64 KiB are enough to tell, and a gigantic first line costs nothing more.
  const lines = text.slice(0, 65_536).split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 30);
  let best: Delimiter = ';';
  let bestScore = -1;
  for (const d of [';', '\t', ','] as Delimiter[]) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const withAny = counts.filter((c) => c > 0);
    if (withAny.length === 0) continue;
    const mode = modeOf(withAny);
    const score = counts.filter((c) => c === mode).length * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Reads a CSV/TXT export into one sheet with no name; each cell keeps its line and column letter. */
export function readCsv(buffer: Uint8Array, file: string, opts: CsvOptions = {}, limits: Limits = limitsFromEnv()): CsvResult {
  const encoding = opts.encoding ?? detectEncoding(buffer);
  const text = decodeText(buffer, encoding);
  checkLineLengths(text, file, limits);
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const registros = new LectorRegistros(file, delimiter, lineBreakOf(text), limits);
  const records: Registro[] = [];
  registros.push(text, records);
  registros.end(records);
  if (records.length > limits.maxFilas) {
    throw new InputError(`${file}: el CSV tiene ${formatCount(records.length)} registros; el máximo es ${formatCount(limits.maxFilas)} ${howToRaise('maxFilas')}.`, file);
  }
  const rows: Sheet['rows'] = [];
  for (const { line, fields } of records) {
    const row = filaCsv(file, line, fields, limits);
    if (row) rows.push(row);
  }
  return { sheet: { name: '', rows }, encoding, delimiter };
}

/** A line longer than the limit (one gigantic line, a binary blob) ends before papaparse splits it into millions of fields. */
function checkLineLengths(text: string, file: string, limits: Limits): void {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > limits.maxLinea) throw lineaDemasiadoLarga(file, line, limits);
    start = end + 1;
    line++;
  }
}

export function parseDelimiterOption(value: string): Delimiter {
  const v = value === '\\t' || value.toLowerCase() === 'tab' ? '\t' : value;
  if (v === ';' || v === ',' || v === '\t') return v;
  throw new UsageError(`--separador debe ser ';', ',' o 'tab' (se recibió '${value}').`);
}

export function parseEncodingOption(value: string): Encoding {
  const v = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (v === 'utf8') return 'utf-8';
  if (v === 'windows1252' || v === 'cp1252' || v === 'latin1' || v === 'iso88591') return 'windows-1252';
  throw new UsageError(`--codificacion debe ser 'utf-8' o 'windows-1252' (se recibió '${value}').`);
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === d) n++;
  }
  return n;
}

function modeOf(values: number[]): number {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  return [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
}
