/**
 * What a template is, independent of how it is written (xlsx or CSV): its columns with the
 * drop-down list, number format and check of each, an example row, and the instructions.
 */
export interface ColumnaPlantilla {
  titulo: string;
  /** Width in characters. */
  ancho: number;
  /** Name of a list of `listas`: the cell offers it as a drop-down. */
  lista?: string;
  /** The drop-down reads a column of another sheet of the template (1-based column). */
  listaDe?: { hoja: string; columna: number };
  /** xlsx number format (locale-neutral: `0%` shows 100 % in Chile). */
  numFmt?: string;
  /** Accepted numbers: `decimal` between min and max, or a whole number. */
  numero?: { tipo: 'decimal' | 'whole'; min: number; max?: number };
  /** Shown when the cell is selected (Excel's input message). */
  ayuda: string;
}

export interface Plantilla {
  nombre: 'indicadores' | 'autoevaluacion';
  /** Name of the data sheet (the one `validar` reads). */
  hoja: string;
  columnas: ColumnaPlantilla[];
  /** One example row, in the stored values (percentages as fractions). */
  ejemplo: (string | number | null)[];
  listas: Record<string, string[]>;
  instrucciones: string[];
  /** More sheets, after the data sheet: e.g. the list of productos estratégicos. */
  extra?: HojaExtra[];
}

export interface HojaExtra {
  hoja: string;
  columnas: ColumnaPlantilla[];
  filas: (string | number | null)[][];
}

/** Rows of the data sheet that carry drop-downs and checks (header is row 1). */
export const FILAS_PLANTILLA = 500;
