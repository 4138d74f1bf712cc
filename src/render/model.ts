/**
 * What every command hands to a renderer: tables for people (tabla, csv, markdown, xlsx)
 * and one JSON document for programs. Cells hold raw values; renderers format them.
 */
export type TipoColumna = 'texto' | 'entero' | 'numero' | 'porcentaje';

export interface Columna {
  clave: string;
  titulo: string;
  tipo: TipoColumna;
  /** Decimals shown in tables (numbers are never rounded in JSON or CSV). */
  decimales?: number;
}

export type Valor = string | number | boolean | null;

export interface Tabla {
  /** Stable name, for `--tabla` and xlsx sheet names. */
  nombre: string;
  titulo: string;
  columnas: Columna[];
  filas: Record<string, Valor>[];
  /** Rows shown after a rule and in bold: the seed tables' totals. */
  totales?: Record<string, Valor>[];
  /** Lines printed under the table (what was assumed, what was left out). */
  notas?: string[];
}

export interface Resultado {
  /** The command that produced it, e.g. `indicadores calcular`. */
  comando: string;
  archivos: string[];
  tablas: Tabla[];
  /** The JSON document, without `version` (the renderer adds it). */
  json: Record<string, unknown>;
}

export const JSON_VERSION = '1.0';
