import { randomBytes } from 'node:crypto';
import { realpathSync, rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError, InputError } from '../core/errors.js';

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
