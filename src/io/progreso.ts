/**
 * What the readers are reading now: a plain object they assign to and count on, with no I/O
 * and no clock, so the hot loop pays one integer increment per row. The CLI's progress line
 * (src/cli/progreso.ts) polls it from a timer. One per process: pbr reads one file at a time.
 */
export interface Lectura {
  /** The file being read, as given ('' before the first; '-' is standard input). */
  archivo: string;
  /** The sheet being read ('' for a CSV, or before its first sheet). */
  hoja: string;
  /** Rows read of this sheet. */
  filas: number;
  /** Among several files (validar): this one's position from 1, and how many; 0 with one file. */
  n: number;
  total: number;
}

export const lectura: Lectura = { archivo: '', hoja: '', filas: 0, n: 0, total: 0 };

/** A reader starts on a file. */
export function leyendoArchivo(archivo: string): void {
  lectura.archivo = archivo;
  lectura.hoja = '';
  lectura.filas = 0;
}

/** A reader starts on a sheet of the current file. */
export function leyendoHoja(hoja: string): void {
  lectura.hoja = hoja;
  lectura.filas = 0;
}

/** A command that reads several files says which one it is on (n from 1); `(0, 0)` when done. */
export function archivoDeVarios(n: number, total: number): void {
  lectura.n = n;
  lectura.total = total;
}
