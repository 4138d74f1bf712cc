import type { IssueCollector } from '../core/report.js';
import { a1 } from '../core/report.js';
import { cellText, filledCells, isBlankRow, type Cell, type Row, type Sheet } from '../io/cell.js';
import { inferDecimalMark, type DecimalMark } from '../io/numero-chileno.js';
import type { LecturaContext } from './celdas.js';
import type { CampoTexto } from './encabezados.js';
import type { EncabezadoHoja } from './encabezado-hoja.js';
import { construirIndicador, type CeldaAnual, type Defaults } from './indicador-fila.js';
import type { Indicador } from './schema.js';

export interface DecimalPolicy {
  /** `--decimal`: settles every ambiguous number. */
  forced?: DecimalMark;
  /** What the whole file shows, for columns that show nothing. */
  file: DecimalMark | null;
  onAmbiguous: (cell: Cell, assumed: DecimalMark) => void;
}

/**
 * How each numeric column reads an ambiguous `1.234`: `--decimal`, else what the column
 * shows, else what the file shows, else es-CL (dot = thousands). Only that last guess is
 * reported: the others are settled by the data.
 */
export function contextoDeLectura(collector: IssueCollector, rows: Row[], cols: Iterable<number>, policy: DecimalPolicy): LecturaContext {
  const marks = new Map<number, DecimalMark>();
  const guessed = new Set<number>();
  for (const col of cols) {
    const mark = policy.forced ?? inferDecimalMark(rows.map((r) => cellText(r.cells[col - 1]))) ?? policy.file;
    if (mark) marks.set(col, mark);
    else guessed.add(col);
  }
  return {
    collector,
    decimalFor: (c) => marks.get(c.col) ?? ',',
    onAmbiguous: (c, assumed) => {
      if (guessed.has(c.col)) policy.onAmbiguous(c, assumed);
    },
  };
}

/**
 * Tabular layout: one row per indicator under the header row, read one row at a time so a
 * 200 000-row sheet never sits in memory. `sample` (the first data rows) settles the decimal
 * mark of each numeric column.
 */
export class LectorTabular {
  private readonly ctx: LecturaContext;
  private readonly indicadorCol: number | undefined;
  private producto: string | null;
  private readonly plan: Plan;
  constructor(
    private readonly sheet: string,
    private readonly header: EncabezadoHoja,
    private readonly defaults: Defaults,
    private readonly collector: IssueCollector,
    policy: DecimalPolicy,
    sample: Row[],
  ) {
    this.ctx = contextoDeLectura(collector, sample, header.columnas.keys(), policy);
    this.indicadorCol = header.campos.get('indicador');
    this.plan = planDe(header);
    this.producto = defaults.producto;
  }

  /** The indicator of one data row, or `null` for a blank, section or nameless row. */
  row(row: Row): Indicador | null {
    if (isBlankRow(row)) return null;
    const col = this.indicadorCol;
    const nameCell = col ? row.cells[col - 1] : undefined;
    if (!nameCell || cellText(nameCell).trim() === '') {
      const filled = filledCells(row);
      // A row with one text cell is a section naming the producto (as DIPRES prints them).
      if (filled.length === 1 && typeof filled[0].value === 'string') {
        this.producto = filled[0].value.trim();
        return null;
      }
      if (col) {
        const at = { sheet: this.sheet, address: a1(row.index, col), row: row.index, col };
        this.collector.error('indicador-sin-nombre', `La fila ${row.index} tiene datos pero no el nombre del indicador.`, at);
      }
      return null;
    }
    return construirIndicador(filaDe(row, nameCell, this.plan), { ...this.defaults, producto: this.producto }, this.ctx);
  }
}

/** Where each field and year cell of a row is, worked out once from the header. */
interface Plan {
  campos: { col: number; campo: CampoTexto }[];
  anuales: { col: number; anio: number; tipo: CeldaAnual['tipo']; parte: CeldaAnual['parte'] }[];
}

function planDe(header: EncabezadoHoja): Plan {
  const plan: Plan = { campos: [], anuales: [] };
  for (const [col, e] of header.columnas) {
    if (e.kind === 'campo') {
      if (header.campos.get(e.campo) === col) plan.campos.push({ col, campo: e.campo });
    } else plan.anuales.push({ col, anio: e.anio, tipo: e.tipo, parte: e.parte });
  }
  return plan;
}

/** The cells of one row, by what their header says they are. */
export function filaDe(row: Row, nameCell: Cell, plan: Plan) {
  const campos: Partial<Record<CampoTexto, Cell>> = {};
  for (const { col, campo } of plan.campos) {
    const cell = row.cells[col - 1];
    if (cell) campos[campo] = cell;
  }
  const anuales: CeldaAnual[] = plan.anuales.map(({ col, anio, tipo, parte }) => ({ anio, tipo, parte, cell: row.cells[col - 1] }));
  return { nombre: nameCell, campos, anuales };
}
