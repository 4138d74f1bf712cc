import type { IssueCollector } from '../core/report.js';
import { cleanText } from '../core/text.js';
import { cellText, filledCells, isBlankRow, type Cell, type Row, type Sheet } from '../io/cell.js';
import { parseFraccion, parseNumeroChileno } from '../io/numero-chileno.js';
import type { LecturaContext } from './celdas.js';
import { findEncabezado, type EncabezadoHoja } from './encabezado-hoja.js';
import type { CampoTexto } from './encabezados.js';
import { construirIndicador, type CeldaAnual, type Defaults } from './indicador-fila.js';
import { contextoDeLectura, type DecimalPolicy } from './leer-tabular.js';
import type { Indicador } from './schema.js';

/**
 * Title rows above a table, as DIPRES prints them: "Gobierno Regional Coquimbo" names the
 * servicio, "Indicadores de Desempeño 2012 : Calidad/Productos" the dimensión/ámbito.
 */
export function leerTitulo(cell: Cell, defaults: Defaults): boolean {
  const t = cleanText(cellText(cell));
  const servicio = /^(?:servicio|instituci[oó]n)\s*:\s*(.+)$/i.exec(t);
  if (servicio) {
    defaults.servicio = servicio[1].trim();
    return true;
  }
  if (/^(gobierno regional|gore)\b/i.test(t)) {
    defaults.servicio = t;
    return true;
  }
  if (/^indicadores? de desempe/i.test(t)) {
    const after = t.includes(':') ? t.slice(t.indexOf(':') + 1).trim() : '';
    if (after.includes('/')) defaults.dimensionAmbito = { text: after, cell };
    return true;
  }
  return false;
}

/** Titles in the rows above the header. */
export function leerTitulos(sheet: Sheet, header: EncabezadoHoja, defaults: Defaults): void {
  for (const row of sheet.rows) {
    if (row.index >= header.fila) break;
    const filled = filledCells(row);
    if (filled.length === 1) leerTitulo(filled[0], defaults);
  }
}

/** The three-row pattern: the indicator row's values are percentages and the next two rows plain numbers. */
export function esPresentacion(sheet: Sheet, header: EncabezadoHoja): boolean {
  const hasParts = [...header.columnas.values()].some((e) => e.kind === 'anio' && e.parte !== 'valor');
  if (hasParts) return false;
  const yearCols = [...header.columnas].filter(([, e]) => e.kind === 'anio').map(([c]) => c);
  const rows = sheet.rows.slice(header.rowPos + 1).filter((r) => !isBlankRow(r));
  for (let i = 0; i + 2 < rows.length; i++) {
    if (esTriple(rows, i, yearCols)) return true;
  }
  return false;
}

function kindOf(cell: Cell | undefined): 'pct' | 'num' | 'frac' | 'none' {
  if (!cell || cell.value == null) return cell?.error ? 'pct' : 'none';
  if (typeof cell.value === 'number') return cell.percent ? 'pct' : 'num';
  const t = String(cell.value).trim();
  if (parseFraccion(t)) return 'frac';
  const n = parseNumeroChileno(t);
  if (!n) return 'none';
  return n.percent ? 'pct' : 'num';
}

function esTriple(rows: Row[], i: number, yearCols: number[]): boolean {
  const kinds = (r: Row) => yearCols.map((c) => kindOf(r.cells[c - 1]));
  const k0 = kinds(rows[i]);
  const k1 = kinds(rows[i + 1]);
  const k2 = kinds(rows[i + 2]);
  const numeric = (ks: string[]) => ks.some((k) => k === 'num') && ks.every((k) => k === 'num' || k === 'none');
  return !k0.includes('frac') && k0.some((k) => k === 'pct' || k === 'num') && numeric(k1) && numeric(k2);
}

/**
 * Presentation layout (the seed's Coquimbo and Bío Bío tables): a section row naming the
 * producto, then per indicator its row with the stated values, the numerador row and the
 * denominador row. A row whose values carry their fraction (`71 % (152/214)*100`) stands alone.
 */
export function leerPresentacion(sheet: Sheet, first: EncabezadoHoja, defaults: Defaults, collector: IssueCollector, policy: DecimalPolicy): Indicador[] {
  const out: Indicador[] = [];
  let header = first;
  let yearCols = cols(header);
  let ctx: LecturaContext = contextoDeLectura(collector, sheet.rows.slice(header.rowPos + 1), yearCols, policy);
  const nameCol = header.campos.get('indicador') ?? 1;
  const rows = sheet.rows.slice(header.rowPos + 1).filter((r) => !isBlankRow(r));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const filled = filledCells(row);
    // A repeated header row starts a new block with its own year columns.
    const again = findEncabezado({ name: sheet.name, rows: [row] });
    if (again && again.anios > 0 && again.campos.has('indicador')) {
      header = { ...again, rowPos: header.rowPos };
      yearCols = cols(header);
      ctx = contextoDeLectura(collector, rows.slice(i + 1), yearCols, policy);
      continue;
    }
    if (filledInYears(row, yearCols) === 0) {
      // Title rows (a new servicio) or a section row naming the producto.
      if (filled.length >= 1 && !leerTitulo(filled[0], defaults)) defaults.producto = cleanText(cellText(filled[0]));
      continue;
    }
    const nameCell = row.cells[nameCol - 1] ?? filled[0];
    const anuales = celdas(row, header);
    const extras: Record<string, string> = {};
    if (i + 2 < rows.length && esTriple(rows, i, yearCols)) {
      const [num, den] = [rows[i + 1], rows[i + 2]];
      for (const a of celdas(num, header)) anuales.push({ ...a, parte: 'numerador' });
      for (const a of celdas(den, header)) anuales.push({ ...a, parte: 'denominador' });
      extras.numerador = cleanText(cellText(num.cells[nameCol - 1]));
      extras.denominador = cleanText(cellText(den.cells[nameCol - 1]));
      i += 2;
    }
    out.push(construirIndicador({ nombre: nameCell, campos: campos(row, header), anuales, extras }, { ...defaults }, ctx));
  }
  return out;
}

function cols(header: EncabezadoHoja): number[] {
  return [...header.columnas].filter(([, e]) => e.kind === 'anio').map(([c]) => c);
}

function filledInYears(row: Row, yearCols: number[]): number {
  return yearCols.filter((c) => {
    const cell = row.cells[c - 1];
    return cell && (cell.error || (cell.value != null && String(cell.value).trim() !== '')) && !cell.merged;
  }).length;
}

/**
 * The indicator row's descriptive cells (dimensión, ámbito, ponderación, sentido, unidad, …)
 * by what the header calls their column; the numerador and denominador rows below carry only
 * their names and values.
 */
function campos(row: Row, header: EncabezadoHoja): Partial<Record<CampoTexto, Cell>> {
  const out: Partial<Record<CampoTexto, Cell>> = {};
  for (const [campo, col] of header.campos) {
    const cell = row.cells[col - 1];
    if (campo !== 'indicador' && cell && cellText(cell).trim() !== '') out[campo] = cell;
  }
  return out;
}

function celdas(row: Row, header: EncabezadoHoja): CeldaAnual[] {
  const out: CeldaAnual[] = [];
  for (const [col, e] of header.columnas) {
    if (e.kind === 'anio') out.push({ anio: e.anio, tipo: e.tipo, parte: e.parte, cell: row.cells[col - 1] });
  }
  return out;
}
