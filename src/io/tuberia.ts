/**
 * A reader that goes away before pbr is done (`pbr --help | head -1`) closes the pipe: what is
 * left to write is discarded, quietly, and the run ends with the exit code it would have had.
 */
let cerrada = false;
let vigilando = false;

/** Whether `err` is the write error of a pipe whose reader has gone (EPIPE). */
export function esTuberiaCerrada(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/** True once a write to stdout failed because its reader went away. */
export function salidaCerrada(): boolean {
  return cerrada;
}

/** Turns EPIPE on stdout/stderr from an unhandled 'error' event (a crash with a trace) into silence. */
export function vigilarTuberias(streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  if (vigilando) return;
  vigilando = true;
  for (const s of streams) {
    s.on('error', (err: unknown) => {
      if (!esTuberiaCerrada(err)) throw err;
      if (s === process.stdout) cerrada = true;
    });
  }
}
