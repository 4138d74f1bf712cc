import { basename } from 'node:path';
import { formatNumero } from '../core/numero-es.js';
import { lectura, type Lectura } from '../io/progreso.js';

/** Where the progress line goes: process.stderr, or a fake in tests. */
export interface Terminal {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean;
}

export interface Progreso {
  /** Erases the line, stops the timer and gives the streams back; safe to call twice. */
  terminar(): void;
}

export interface OpcionesProgreso {
  /** What is polled; the readers' own object by default. */
  estado?: Lectura;
  /** Nothing is shown before this many milliseconds. */
  desde?: number;
  /** How often the line is redrawn, in milliseconds. */
  cada?: number;
  /** Another stream whose writes erase the line first (stdout, when it is the same terminal). */
  otra?: Terminal;
}

const BORRAR = '\r\x1b[2K';
const NADA: Progreso = { terminar() {} };

/**
 * Progress is for a person watching a terminal: on when the stream is a TTY, off in CI (`CI` set)
 * and on a dumb terminal. PBR_PROGRESO=0 turns it off, PBR_PROGRESO=1 on even without a TTY;
 * PBR_PROGRESO_DESDE sets the wait before it shows (ms, 1000 by default).
 */
export function progresoActivo(stream: Terminal, env: NodeJS.ProcessEnv): boolean {
  if (env.PBR_PROGRESO === '0') return false;
  if (env.PBR_PROGRESO === '1') return true;
  return !!stream.isTTY && !env.CI && env.TERM !== 'dumb';
}

/** PBR_PROGRESO_DESDE: the milliseconds before the line shows (a whole number ≥ 0), else none. */
function desdeDelEntorno(env: NodeJS.ProcessEnv): number | undefined {
  const t = env.PBR_PROGRESO_DESDE?.trim();
  return t && /^\d{1,7}$/.test(t) ? Number(t) : undefined;
}

/** The line for what is being read: `pbr: leyendo datos.xlsx, hoja Indicadores: 123.456 filas…`. */
export function lineaProgreso(e: Lectura): string {
  const archivo = e.archivo === '-' ? 'la entrada estándar' : basename(e.archivo);
  const varios = e.total > 1 ? `archivo ${formatNumero(e.n, 0)} de ${formatNumero(e.total, 0)}, ` : '';
  const hoja = e.hoja ? `, hoja ${e.hoja}` : '';
  const filas = e.filas > 0 ? `: ${formatNumero(e.filas, 0)} ${e.filas === 1 ? 'fila' : 'filas'}` : '';
  return `pbr: ${varios}leyendo ${archivo}${hoja}${filas}…`;
}

/**
 * Shows what the readers are reading on `stream`, one line rewritten in place, once the work has
 * taken more than `desde` ms; a no-op unless progresoActivo. The readers are async, so the timer
 * fires between their chunks. Any other write to the stream (or to `otra`) erases the line first,
 * and it is drawn again only at the start of a line, so reports and errors never share it.
 */
export function iniciarProgreso(stream: Terminal = process.stderr, env: NodeJS.ProcessEnv = process.env, opts: OpcionesProgreso = {}): Progreso {
  if (!progresoActivo(stream, env)) return NADA;
  const estado = opts.estado ?? lectura;
  const desde = opts.desde ?? desdeDelEntorno(env) ?? 1000;
  const otra = opts.otra ?? (process.stdout.isTTY && stream === process.stderr ? process.stdout : undefined);
  const inicio = Date.now();
  let mostrada = '';
  let alInicioDeLinea = true;

  const write = stream.write;
  const escribir = (s: string) => write.call(stream, s);
  const borrar = () => {
    if (!mostrada) return;
    mostrada = '';
    escribir(BORRAR);
  };
  const dibujar = () => {
    if (Date.now() - inicio < desde || !alInicioDeLinea || !estado.archivo) return;
    const linea = recortar(lineaProgreso(estado), stream.columns);
    if (linea === mostrada) return;
    mostrada = linea;
    escribir(BORRAR + linea);
  };

  const restaurar: (() => void)[] = [];
  for (const s of otra ? [stream, otra] : [stream]) {
    const original = s.write;
    s.write = function (this: unknown, chunk: string | Uint8Array, ...rest: unknown[]) {
      borrar();
      const n = chunk.length;
      if (n > 0) alInicioDeLinea = typeof chunk === 'string' ? chunk.endsWith('\n') : chunk[n - 1] === 0x0a;
      return original.call(s, chunk, ...rest);
    };
    restaurar.push(() => (s.write = original));
  }

  const timer = setInterval(dibujar, opts.cada ?? 200);
  timer.unref?.();
  // process.exit (Ctrl-C while an output is written) skips terminar: the line still goes.
  process.on('exit', borrar);
  let terminado = false;
  return {
    terminar() {
      if (terminado) return;
      terminado = true;
      clearInterval(timer);
      process.removeListener('exit', borrar);
      borrar();
      for (const r of restaurar) r();
    },
  };
}

/** A line longer than the terminal would wrap, and `\r` would rewrite only its last part. */
function recortar(linea: string, columnas: number | undefined): string {
  if (!columnas || linea.length < columnas) return linea;
  return `${linea.slice(0, Math.max(0, columnas - 2))}…`;
}
