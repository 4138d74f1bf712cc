import { a1, type CellRef, type IssueCollector } from '../core/report.js';
import { normalizeKey } from '../core/text.js';
import type { Cell } from '../io/cell.js';
import { textoDe } from './encabezados.js';

/**
 * The cycles of one table, from its Ciclo/Año column: a workbook may hold several (one row per
 * entity, elemento and cycle). A blank cell takes the cycle from above (a cycle written once
 * over its block, or merged); `2014` and ` 2014 ` are one cycle. Cycles keep the order in which
 * the file first names them.
 */
export class LectorCiclos {
  private ultimo: number = -1;
  private ultimoTexto: unknown = undefined;
  private readonly porClave = new Map<string, number>();
  readonly etiquetas: string[] = [];
  /** The first row read before any cycle was named (`-1` is its cycle). */
  private sinCiclo: Partial<CellRef> | null = null;

  /**
   * The cycle of a row: its index in `etiquetas`, or -1 when no cycle is named yet. `sheet`,
   * `row` and `col` (1-based) say where the cell is, for a blank one.
   */
  leer(cell: Cell | undefined, sheet: string, row: number, col: number): number {
    const raw = cell?.value;
    if (raw === this.ultimoTexto && raw != null) return this.ultimo;
    const v = textoDe(cell);
    if (v === '') {
      if (this.ultimo < 0 && !this.sinCiclo) this.sinCiclo = { sheet, row, col, address: a1(row, col) };
      return this.ultimo;
    }
    const clave = normalizeKey(v) || v;
    let i = this.porClave.get(clave);
    if (i === undefined) {
      i = this.etiquetas.length;
      this.porClave.set(clave, i);
      this.etiquetas.push(v);
    }
    this.ultimo = i;
    this.ultimoTexto = raw;
    return i;
  }

  /** Rows without a cycle in a file that names cycles elsewhere: an error at the first one. */
  revisar(issues: IssueCollector): void {
    if (this.sinCiclo && this.etiquetas.length > 0) {
      issues.error('ciclo-faltante', `La fila no dice a qué ciclo corresponde, y otras sí («${this.etiquetas[0]}»): escriba el ciclo o año en cada fila, o una vez sobre su bloque.`, this.sinCiclo, null);
    }
  }

  /** The label of cycle i (`null` for the rows without one). */
  etiqueta(i: number): string | null {
    return i < 0 ? null : this.etiquetas[i];
  }
}
