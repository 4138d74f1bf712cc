/**
 * What every command hands to a renderer: tables for people (tabla, csv, markdown, xlsx)
 * and one JSON document for programs. Cells hold raw values; renderers format them.
 */
import type { ValidationReport } from '../core/report.js';

export type TipoColumna = 'texto' | 'entero' | 'numero' | 'porcentaje';

/**
 * How the xlsx report colours a column, as conditional formatting (it stays live when a
 * user edits the sheet):
 * - `cumplimiento`: green when the value reaches `umbral` (cumple), red below it (no cumple),
 *   amber above `sobrecumplimiento` (explain a meta too easy);
 * - `logro`: a data bar from 0 to 100 %;
 * - `mejora`: a data bar from the column's minimum to its maximum (may be negative).
 */
export type EstiloColumna = 'cumplimiento' | 'logro' | 'mejora';

export interface Columna {
  clave: string;
  titulo: string;
  tipo: TipoColumna;
  /**
   * Decimals shown in tables (numbers are never rounded in JSON or CSV). Set on a `texto` column
   * (values of mixed kinds, such as a cell's value), its numbers are shown es-CL with them.
   */
  decimales?: number;
  /** Colouring in the xlsx report (see EstiloColumna). Ignored by other formats. */
  estilo?: EstiloColumna;
  /**
   * For `estilo: 'cumplimiento'`: the value (in the column's units, percentages × 100)
   * from which a row cumple. Default 95.
   */
  umbral?: number;
  /** For `estilo: 'cumplimiento'`: over-compliance above this value; `null` turns it off. Default 130. */
  sobrecumplimiento?: number | null;
  /**
   * The cell is written in the xlsx report as an Excel formula over other columns of the same
   * row, with the row's value as its cached result: `{clave}` stands for that column's cell.
   * Example: `'{numerador}/{denominador}*{factor}'`. Referenced cells hold what the sheet shows:
   * a `porcentaje` cell holds a fraction (95,4 % is 0.954), and the formula of a `porcentaje`
   * column must give the value × 100 as the Resultado holds it (the writer divides by 100).
   * A row where a referenced cell is not a number, or whose own value is null, gets the plain value.
   * Ignored by other formats.
   */
  formula?: string;
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
  /**
   * Set by `validar` (validacionResultado): the reports themselves, for the renderers that
   * need every issue's location (`--formato github`, the annotated workbook of `-o x.xlsx`).
   */
  validacion?: Validacion;
}

/** What `validar` found, for the renderers that need more than the tables. */
export interface Validacion {
  /** The reports as shown: `valido` already strict under `--estricto`, issues capped under `--max-errores`. */
  reportes: ValidationReport[];
  /** Counts over every issue found, before the cap. */
  errores: number;
  advertencias: number;
  estricto: boolean;
  /** Set when `--max-errores` left issues out of the report. */
  limite: Limite | null;
}

export interface Limite {
  maximo: number;
  omitidos: number;
}

export const JSON_VERSION = '1.0';
