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

/**
 * V8 "pretenures" an allocation site whose objects survived the first scavenges: from then on
 * they are made in the old generation. pbr's rows live for one row, but early in a read (the
 * header's sample rows, the first pieces) they can look long-lived, and in about one run in
 * three a site was pretenured: every row's objects went to the old heap, a full collection came
 * every 75 ms instead of every 400, scavenges took 4× longer, and the run took 1 s (30 %) more.
 * Off, every run is the fast one.
 */
export const SIN_PRETENURING = '--no-allocation-site-pretenuring';

/** Runs pbr; the only place that sets the exit code and prints errors. */
export async function main(argv: string[]): Promise<void> {
  setFlagsFromString(CRECIMIENTO_HEAP);
  setFlagsFromString(SIN_PRETENURING);
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
