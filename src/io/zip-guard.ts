import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { formatBytes, formatCount, howToRaise, type Limits } from './limits.js';

/**
 * Looks at an .xlsx before exceljs unpacks it: the zip's central directory (how many parts,
 * how big they say they are, how much they compress) and then every part's real bytes,
 * inflated as a stream and never kept, so a zip bomb or a lying size ends here, in bounded
 * memory. The XML is scanned for a DTD (`<!DOCTYPE`, `<!ENTITY`): entities are never expanded
 * and external entities never fetched, because such a workbook is refused.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** Excel's own bounds: a reference beyond them is not from Excel. */
export const EXCEL_MAX_FILAS = 1_048_576;
export const EXCEL_MAX_COLUMNAS = 16_384;

function broken(file: string, why: string): InputError {
  return new InputError(`${file}: no es un libro .xlsx válido: ${why}.`, file);
}

/** Reads the central directory, refusing what is over a limit before anything is inflated. */
export function readCentralDirectory(buf: Buffer, file: string, limits: Limits): ZipEntry[] {
  const eocd = findEocd(buf);
  if (eocd < 0) throw broken(file, 'el archivo zip está truncado o dañado (no tiene directorio central)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && buf.readUInt32LE(loc) === SIG_ZIP64_LOCATOR) {
      const rec = Number(buf.readBigUInt64LE(loc + 8));
      if (rec + 56 > buf.length || buf.readUInt32LE(rec) !== SIG_ZIP64_EOCD) throw broken(file, 'el directorio zip64 está dañado');
      count = Number(buf.readBigUInt64LE(rec + 32));
      cdSize = Number(buf.readBigUInt64LE(rec + 40));
      cdOffset = Number(buf.readBigUInt64LE(rec + 48));
    }
  }
  if (count > limits.maxEntradas) {
    throw new InputError(`${file}: el libro tiene ${formatCount(count)} partes internas; el máximo es ${formatCount(limits.maxEntradas)} ${howToRaise('maxEntradas')}.`, file);
  }
  if (cdOffset + cdSize > buf.length) throw broken(file, 'el archivo zip está truncado (el directorio central apunta fuera del archivo)');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw broken(file, 'el directorio central del zip está dañado');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > buf.length) throw broken(file, 'el directorio central del zip está truncado');
    const entry: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
    };
    readZip64Extra(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), entry);
    p += 46 + nameLen + extraLen + commentLen;
    total += entry.uncompressedSize;
    if (total > limits.maxDescomprimido) throw overTotal(file, limits);
    checkEntry(entry, file, limits);
    entries.push(entry);
  }
  return entries;
}

function overTotal(file: string, limits: Limits): InputError {
  return new InputError(
    `${file}: el libro se descomprime a más de ${formatBytes(limits.maxDescomprimido)} (posible bomba zip); pbr no lo abre ${howToRaise('maxDescomprimido')}.`,
    file,
  );
}

function checkEntry(e: ZipEntry, file: string, limits: Limits): void {
  if (e.flags & 0x1) throw new InputError(`${file}: el libro está cifrado o protegido con contraseña; guárdelo sin contraseña.`, file);
  if (e.method !== 0 && e.method !== 8) throw broken(file, `la parte ${e.name} usa un método de compresión que pbr no admite (${e.method})`);
  if (e.uncompressedSize > limits.ratioDesde) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (ratio > limits.maxRatio) {
      throw new InputError(
        `${file}: la parte ${e.name} se comprime ${Math.round(ratio)} a 1, más que el máximo de ${limits.maxRatio} a 1 (posible bomba zip) ${howToRaise('maxRatio')}.`,
        file,
      );
    }
  }
}

/** ZIP64 extra field (id 1): 64-bit sizes for the fields set to 0xFFFFFFFF, in this order. */
function readZip64Extra(extra: Buffer, e: ZipEntry): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const end = Math.min(extra.length, q + size);
      const next = (): number | undefined => {
        if (q + 8 > end) return undefined;
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (e.uncompressedSize === 0xffffffff) e.uncompressedSize = next() ?? e.uncompressedSize;
      if (e.compressedSize === 0xffffffff) e.compressedSize = next() ?? e.compressedSize;
      if (e.localHeaderOffset === 0xffffffff) e.localHeaderOffset = next() ?? e.localHeaderOffset;
      return;
    }
    p += 4 + size;
  }
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  }
  return -1;
}

/** What the inspection learned, for the reader. */
export interface XlsxInspection {
  entries: ZipEntry[];
  /** Worksheet part → the `<dimension ref>` it declares, when it declares one. */
  dimensions: Map<string, string>;
  /** Worksheet part → its merged ranges (`A5:F5`): the streaming reader applies them itself. */
  merges: Map<string, string[]>;
}

/**
 * Inspects the whole zip: the directory, then each part inflated as a stream and counted
 * (a part that unpacks to more than it declares is refused), its XML scanned for a DTD.
 */
export async function inspectXlsx(buf: Buffer, file: string, limits: Limits): Promise<XlsxInspection> {
  const entries = readCentralDirectory(buf, file, limits);
  const dimensions = new Map<string, string>();
  const merges = new Map<string, string[]>();
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const data = entryData(buf, e, file);
    const xml = /\.(xml|rels|vml)$/i.test(e.name);
    const worksheet = /^\/?xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    const refs = worksheet ? new Set<string>() : null;
    const head = await scanEntry(data, e, file, xml, refs);
    if (refs?.size) merges.set(e.name.replace(/^\//, ''), [...refs]);
    if (worksheet) {
      const ref = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/.exec(head)?.[1];
      if (ref) {
        checkDimension(ref, e.name, file);
        dimensions.set(e.name, ref);
      }
    }
  }
  return { entries, dimensions, merges };
}

/** The stored (usually deflated) bytes of one part, as the local header places them. */
export function entryData(buf: Buffer, e: ZipEntry, file: string): Buffer {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== SIG_LOCAL) throw broken(file, `la parte ${e.name} está dañada o el zip está truncado`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw broken(file, `la parte ${e.name} está truncada`);
  return buf.subarray(start, start + e.compressedSize);
}

const DTD = [Buffer.from('<!DOCTYPE'), Buffer.from('<!ENTITY')];
const HEAD_BYTES = 4096;
/** Parts up to this size (declared) are inflated in one synchronous call. */
const SYNC_HASTA = 4 * 1024 * 1024;

/** Inflates one part chunk by chunk, counting its real size; returns its first bytes as text. */
const MERGE = Buffer.from('mergeCell ');
const MERGE_REF = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+\d+:[A-Z]+\d+)"/g;

/** `<mergeCell ref="A5:F5"/>` in a window of a worksheet's XML; cheap when there is none. */
function collectMerges(window: Buffer, refs: Set<string>): void {
  const first = window.indexOf(MERGE);
  if (first < 0) return;
  const text = window.subarray(Math.max(0, first - 16)).toString('latin1');
  for (const m of text.matchAll(MERGE_REF)) refs.add(m[1]);
}

function scanEntry(data: Buffer, e: ZipEntry, file: string, xml: boolean, merges: Set<string> | null = null): Promise<string> {
  const check = (chunk: Buffer): void => {
    for (const needle of DTD) {
      if (chunk.indexOf(needle) >= 0) {
        throw new InputError(
          `${file}: la parte ${e.name} declara un DTD o entidades XML (${needle.toString()}); pbr no expande entidades ni lee referencias externas, y no abre este libro.`,
          file,
        );
      }
    }
  };
  const otroTamano = () => broken(file, `la parte ${e.name} no tiene el tamaño que declara`);
  const danada = () => broken(file, `la parte ${e.name} está dañada (no se puede descomprimir)`);
  const masDeLoQueDeclara = () =>
    new InputError(`${file}: la parte ${e.name} se descomprime a más de lo que declara (${formatBytes(e.uncompressedSize)}); posible bomba zip, pbr no abre este libro.`, file);
  /** A part whose real bytes are all in memory: stored, or small and inflated at once. */
  const entera = (bytes: Buffer): Promise<string> => {
    try {
      if (bytes.length !== e.uncompressedSize) throw otroTamano();
      if (xml) check(bytes);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    if (merges) collectMerges(bytes, merges);
    return Promise.resolve(bytes.subarray(0, HEAD_BYTES).toString('latin1'));
  };
  if (e.method === 0) return entera(data);
  // A small part is inflated at once (no thread-pool round trip: a folder of 500 small workbooks
  // has thousands of them), never past the size it declares.
  if (e.uncompressedSize <= SYNC_HASTA) {
    try {
      return entera(inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) }));
    } catch (err) {
      return Promise.reject((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? masDeLoQueDeclara() : danada());
    }
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    let head = '';
    let carry = Buffer.alloc(0);
    let failed = false;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(err);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > e.uncompressedSize) {
        fail(masDeLoQueDeclara());
        return;
      }
      if (head.length < HEAD_BYTES) head += chunk.subarray(0, HEAD_BYTES - head.length).toString('latin1');
      if (xml) {
        const window = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        try {
          check(window);
        } catch (err) {
          fail(err as Error);
          return;
        }
        if (merges) collectMerges(window, merges);
        // Enough of the tail to find a DTD or a `<mergeCell ref="…"/>` cut by the chunk boundary.
        carry = Buffer.from(window.subarray(Math.max(0, window.length - (merges ? 96 : 16))));
      }
    });
    inflate.on('error', () => fail(danada()));
    inflate.on('end', () => {
      if (failed) return;
      if (size !== e.uncompressedSize) fail(otroTamano());
      else resolve(head);
    });
    inflate.end(data);
  });
}

/** `A1:XFD1048576` → refused when beyond what Excel can hold; otherwise only a declaration pbr never allocates from. */
function checkDimension(ref: string, part: string, file: string): void {
  for (const corner of ref.split(':')) {
    const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,15})$/.exec(corner.trim());
    if (!m) throw broken(file, `la hoja ${part} declara una dimensión ilegible (${ref.slice(0, 40)})`);
    const col = [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const row = Number(m[2]);
    if (row > EXCEL_MAX_FILAS || col > EXCEL_MAX_COLUMNAS) {
      throw new InputError(
        `${file}: la hoja ${part} declara una dimensión de ${ref.slice(0, 40)}, más de lo que Excel admite (${formatCount(EXCEL_MAX_FILAS)} filas × ${formatCount(EXCEL_MAX_COLUMNAS)} columnas); pbr no lo abre.`,
        file,
      );
    }
  }
}
