import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
import type { Workbook } from './cell.js';
import { readCsv, type CsvOptions } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { formatBytes, howToRaise, limitsFromEnv, type Limits } from './limits.js';
import { leyendoArchivo } from './progreso.js';

export interface ReadOptions extends CsvOptions {
  /** Standard input, read when the file is `-`. */
  stdin?: NodeJS.ReadableStream;
  /** What a file may hold before it is refused; the defaults with PBR_MAX_* applied when absent. */
  limits?: Limits;
}

const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252' } as const;
const DELIMITER_NAMES = { ';': "';'", ',': "','", '\t': 'tabulador' } as const;

/** Reads an .xlsx, .csv or .txt (or `-`, standard input) into plain sheets; the kind is told by its bytes. */
export async function readWorkbook(file: string, opts: ReadOptions = {}): Promise<Workbook> {
  const limits = opts.limits ?? limitsFromEnv();
  // The rows are walked synchronously, where no timer fires: the progress line names the file only.
  leyendoArchivo(file);
  const buffer = file === '-' ? await readStdin(opts.stdin ?? process.stdin, limits) : await readInput(file, limits);
  const kind = sniffKind(buffer, file);
  if (kind === 'xlsx') {
    return { file, format: 'xlsx', sheets: await readXlsx(buffer, file, limits), notes: [] };
  }
  const { sheet, encoding, delimiter } = readCsv(buffer, file, opts, limits);
  const notes: string[] = [];
  if (!opts.encoding) notes.push(`${file}: codificación ${ENCODING_NAMES[encoding]} detectada.`);
  if (!opts.delimiter) notes.push(`${file}: separador ${DELIMITER_NAMES[delimiter]} detectado.`);
  return { file, format: 'csv', sheets: [sheet], notes };
}

function tooBig(file: string, limits: Limits): InputError {
  return new InputError(`${file}: pesa más de ${formatBytes(limits.maxBytes)}, el máximo que pbr lee ${howToRaise('maxBytes')}.`, file);
}

async function readInput(file: string, limits: Limits): Promise<Buffer> {
  try {
    // Synchronous: a folder of 500 small workbooks paid a thread-pool round trip per call.
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: es una carpeta, no un archivo.`, file);
    // A pipe or a device (`<(cmd)`, /dev/stdin) has no size to check: it is read up to the limit.
    if (!st.isFile()) return await readStdin(createReadStream(file), limits, file);
    if (st.size > limits.maxBytes) throw tooBig(file, limits);
    return readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: el archivo no existe.`, file);
    if (code === 'EACCES') throw new InputError(`${file}: sin permiso para leer el archivo.`, file);
    throw new InputError(`${file}: no se pudo leer (${(err as Error).message}).`, file);
  }
}

async function readStdin(stream: NodeJS.ReadableStream, limits: Limits, file = '-'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > limits.maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw tooBig(file, limits);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Tells a workbook from a text export by its first bytes, and names what pbr cannot read. */
export function sniffKind(buffer: Buffer, file: string): 'xlsx' | 'csv' {
  if (buffer.length === 0) throw new InputError(`${file}: el archivo está vacío (0 bytes).`, file);
  const head = buffer.subarray(0, 8);
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'xlsx';
  if (head.subarray(0, 4).toString('latin1') === '%PDF') {
    throw new InputError(`${file}: es un PDF, no una planilla; exporte los datos a .xlsx o .csv.`, file);
  }
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    // Excel also wraps a password-protected .xlsx in this container.
    throw new InputError(`${file}: es un libro .xls de Excel 97-2003 (o un libro protegido con contraseña), que pbr no lee; guárdelo como .xlsx sin contraseña.`, file);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw new InputError(`${file}: tiene extensión ${ext} pero no es un libro .xlsx (no es un archivo zip).`, file);
  }
  if (looksBinary(buffer)) {
    throw new InputError(`${file}: no es una planilla (.xlsx) ni un texto CSV.`, file);
  }
  return 'csv';
}

function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 9) || (b > 13 && b < 32 && b !== 27)) control++;
  return control > sample.length * 0.05 || sample.includes(0);
}
