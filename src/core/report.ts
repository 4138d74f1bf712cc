import { propio } from './text.js';
/** Severity of a validation issue: an error makes the file invalid, a warning does not. */
export type Severidad = 'error' | 'advertencia';

/**
 * One problem found in a file. Cells are named as Excel names them (`Indicadores!C3`),
 * rows as Excel numbers them (1-based); for CSV, `hoja` is the file name's stem.
 */
export interface Issue {
  codigo: string;
  severidad: Severidad;
  archivo: string;
  hoja: string | null;
  celda: string | null;
  fila: number | null;
  columna: string | null;
  valor: string | number | null;
  mensaje: string;
}

/** What validating one file found. */
export interface ValidationReport {
  archivo: string;
  tipo: 'indicadores' | 'autoevaluacion' | 'desconocido';
  hoja: string | null;
  valido: boolean;
  issues: Issue[];
  notas: string[];
}

export interface CellRef {
  sheet: string;
  address: string;
  row: number;
  col: number;
}

/** Collects issues for one file; the one place that fills in file/sheet/cell. */
export class IssueCollector {
  readonly issues: Issue[] = [];
  readonly notas: string[] = [];
  constructor(readonly archivo: string) {}

  add(codigo: string, severidad: Severidad, mensaje: string, at?: Partial<CellRef> | null, valor?: unknown): Issue {
    const issue: Issue = {
      codigo,
      severidad,
      archivo: this.archivo,
      hoja: at?.sheet || null,
      celda: at?.sheet && at.address ? `${quoteSheet(at.sheet)}!${at.address}` : (at?.address ?? null),
      fila: at?.row ?? null,
      columna: at?.col != null ? columnLetter(at.col) : null,
      // Copies: an issue lives to the report, the piece of the file its texts were cut from need not.
      valor: valor == null ? null : typeof valor === 'number' ? valor : propio(String(valor)),
      mensaje: propio(mensaje),
    };
    this.issues.push(issue);
    return issue;
  }
  error(codigo: string, mensaje: string, at?: Partial<CellRef> | null, valor?: unknown): Issue {
    return this.add(codigo, 'error', mensaje, at, valor);
  }
  warn(codigo: string, mensaje: string, at?: Partial<CellRef> | null, valor?: unknown): Issue {
    return this.add(codigo, 'advertencia', mensaje, at, valor);
  }
  get hasErrors(): boolean {
    return this.issues.some((i) => i.severidad === 'error');
  }
}

/** Excel quotes a sheet name in a reference when it has spaces or punctuation. */
export function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}
