import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, realpathSync, rmSync, write, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError, InputError } from '../core/errors.js';
import { esTuberiaCerrada, salidaCerrada } from './tuberia.js';

/**
 * Writes a report whole or not at all: a temporary file beside the target, then a rename.
 * Refuses a target that is one of the inputs.
 */
export async function writeOutputAtomic(target: string, content: string | Uint8Array, inputs: string[] = []): Promise<void> {
  assertNotAnInput(target, inputs);
  const tmp = join(dirname(resolve(target)), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  // Ctrl-C while writing: the temporary file goes, the target is untouched.
  const cleanup = () => {
    rmSync(tmp, { force: true });
    process.exit(130);
  };
  process.once('SIGINT', cleanup);
  try {
    await writeFile(tmp, content);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new InputError(`${target}: no se pudo escribir la salida (${(err as Error).message}).`, target);
  } finally {
    process.removeListener('SIGINT', cleanup);
  }
}

/** `-o` naming an input file would destroy it: refused before anything is read. */
export function assertNotAnInput(target: string, inputs: string[]): void {
  const t = canonical(target);
  for (const input of inputs) {
    if (input === '-') continue;
    if (canonical(input) === t) {
      throw new UsageError(`-o/--salida ${target} es uno de los archivos de entrada; pbr nunca modifica una entrada.`);
    }
  }
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** A report written piece by piece, that appears whole (rename) on commit, or not at all. */
export interface AtomicOutput {
  /** Text (UTF-8) or bytes (an xlsx's zip). */
  write(chunk: string | Uint8Array): void;
  commit(): Promise<void>;
  abort(): void;
}

const FLUSH_AT = 1 << 20;
/** Buffers written at once by the thread pool before writing waits. */
const POOL = 4;


/**
 * Opens a streamed report: to `target` (temporary file beside it, renamed on commit), or to
 * standard output when `target` is null (a temporary file copied to stdout on commit, so data
 * found invalid at the end of a file never leaves a partial report on a pipe either).
 */
export function openAtomicOutput(target: string | null, inputs: string[] = []): AtomicOutput {
  if (target) assertNotAnInput(target, inputs);
  const dir = target ? dirname(resolve(target)) : tmpdir();
  const tmp = join(dir, `.${target ? basename(target) : 'pbr-salida'}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (err) {
    throw new InputError(`${target ?? 'salida estándar'}: no se pudo escribir la salida (${(err as Error).message}).`, target ?? undefined);
  }
  // Text is encoded straight into a buffer; a full buffer is written by the thread pool (at its
  // place in the file) while the next one fills, up to POOL buffers; beyond that, here and now.
  let buf: Buffer = Buffer.allocUnsafe(FLUSH_AT);
  const libres: Buffer[] = [];
  let used = 0;
  let pos = 0;
  let enVuelo = 0;
  let fallo: Error | null = null;
  let esperando: (() => void) | null = null;
  let closed = false;
  let cerrarAlTerminar = false;
  const onSigint = () => {
    rmSync(tmp, { force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  const closeFd = () => {
    process.removeListener('SIGINT', onSigint);
    closeSync(fd);
  };
  const writeAt = (data: Buffer, at: number, done: (err: Error | null) => void) => {
    write(fd, data, 0, data.length, at, (err, n) => {
      if (err) return done(err);
      if (n < data.length) return writeAt(data.subarray(n), at + n, done);
      done(null);
    });
  };
  const flush = () => {
    if (used === 0) return;
    if (fallo) throw noSeEscribio(fallo);
    const full = buf.subarray(0, used);
    const at = pos;
    pos += used;
    used = 0;
    if (enVuelo >= POOL) {
      for (let off = 0; off < full.length; ) off += writeSync(fd, full, off, full.length - off, at + off);
      return;
    }
    enVuelo++;
    const own = buf;
    buf = libres.pop() ?? Buffer.allocUnsafe(FLUSH_AT);
    writeAt(full, at, (err) => {
      enVuelo--;
      fallo ??= err;
      libres.push(own);
      if (enVuelo === 0) {
        if (cerrarAlTerminar) closeFd();
        esperando?.();
      }
    });
  };
  const direct = (chunk: string | Uint8Array) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off, pos + off);
    pos += bytes.length;
  };
  const put = (chunk: string | Uint8Array) => {
    if (typeof chunk === 'string') {
      // Up to 3 bytes per UTF-16 unit: a piece that surely fits is encoded in place.
      if (used + chunk.length * 3 > FLUSH_AT) flush();
      if (chunk.length * 3 > FLUSH_AT) return direct(chunk);
      used += buf.write(chunk, used, 'utf8');
    } else {
      if (used + chunk.length > FLUSH_AT) flush();
      if (chunk.length > FLUSH_AT) return direct(chunk);
      buf.set(chunk, used);
      used += chunk.length;
    }
  };
  /** Every write done (or failed), then the file closed. */
  const close = async () => {
    if (closed) return;
    closed = true;
    if (enVuelo > 0) await new Promise<void>((r) => (esperando = r));
    closeFd();
    if (fallo) throw noSeEscribio(fallo);
  };
  const noSeEscribio = (err: Error) => new InputError(`${target ?? 'salida estándar'}: no se pudo escribir la salida (${err.message}).`, target ?? undefined);
  return {
    write(chunk: string | Uint8Array) {
      // After commit or abort the descriptor may be another file's: writing is a bug, said loudly.
      if (closed) throw new Error('openAtomicOutput: write() después de commit() o abort()');
      put(chunk);
    },
    async commit() {
      try {
        flush();
        await close();
        if (target) await rename(tmp, target);
        else {
          await pipeline(createReadStream(tmp), process.stdout, { end: false });
          await rm(tmp, { force: true });
        }
      } catch (err) {
        if (!closed) {
          closed = true;
          if (enVuelo > 0) cerrarAlTerminar = true;
          else closeFd();
        }
        await rm(tmp, { force: true });
        // The reader of stdout went away (`| head`): the rest is not wanted, which is no error.
        if (!target && (esTuberiaCerrada(err) || salidaCerrada())) return;
        if (err instanceof InputError) throw err;
        throw noSeEscribio(err as Error);
      }
    },
    abort() {
      // The name goes now; the descriptor when the writes in flight end (closing it under them
      // could hand its number to another file).
      rmSync(tmp, { force: true });
      if (closed) return;
      closed = true;
      if (enVuelo > 0) cerrarAlTerminar = true;
      else closeFd();
    },
  };
}
