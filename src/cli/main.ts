import { CommanderError } from 'commander';
import { PbrError, DataInvalidError } from '../core/errors.js';
import { vigilarTuberias } from '../io/tuberia.js';
import { iniciarProgreso } from './progreso.js';
import { buildProgram } from './program.js';

/** Runs pbr; the only place that sets the exit code and prints errors. */
export async function main(argv: string[]): Promise<void> {
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
