import { setFlagsFromString } from 'node:v8';
import { CommanderError } from 'commander';
import { PbrError, DataInvalidError } from '../core/errors.js';
import { vigilarTuberias } from '../io/tuberia.js';
import { iniciarProgreso } from './progreso.js';
import { buildProgram } from './program.js';

/**
 * V8 lets the heap grow up to 4× what a full collection left alive before collecting again. A
 * streamed read keeps ~50 MB alive and throws away gigabytes of rows, so the heap rose to
 * 230 MB of garbage and the process past 300 MB. Growing by half instead keeps a 200 000-row
 * workbook near 230 MB, a little faster, and changes nothing else: the heap limit is the same,
 * only collected sooner. Read by V8 at each collection, so it applies when set at start-up.
 */
export const CRECIMIENTO_HEAP = '--heap-growing-percent=50';

/** Runs pbr; the only place that sets the exit code and prints errors. */
export async function main(argv: string[]): Promise<void> {
  setFlagsFromString(CRECIMIENTO_HEAP);
  const debug = argv.includes('--debug');
  // `pbr … | head`: a closed pipe ends the output, not the run (no EPIPE trace).
  vigilarTuberias();
  const program = buildProgram();
  // Off on a pipe and in CI; on a terminal, erased before the error line below.
  const progreso = iniciarProgreso();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    progreso.terminar();
    process.exitCode = report(err, debug);
  } finally {
    progreso.terminar();
  }
}

function report(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // Help and version end with exit 0; commander already printed its (translated) error.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof PbrError) {
    // A DataInvalidError with no message has already emitted its report.
    if (!(err instanceof DataInvalidError) || err.message) process.stderr.write(`pbr: ${err.message}\n`);
    if (debug) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(`pbr: error interno: ${e?.message ?? String(err)}${debug ? '' : ' (use --debug para ver el detalle)'}\n`);
  if (debug && e?.stack) process.stderr.write(`${e.stack}\n`);
  return 2;
}
