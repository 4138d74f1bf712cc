import type { IssueCollector } from '../core/report.js';
import { cellText, type Cell } from '../io/cell.js';
import { parseFraccion, parseNumeroChileno, type DecimalMark } from '../io/numero-chileno.js';
import type { ParteAnual } from './encabezados.js';
import type { Celda, NumeroLeido, TipoMedicion } from './schema.js';
import { isNoAplica } from './vocabulario.js';

export interface LecturaContext {
  collector: IssueCollector;
  /** How to read an ambiguous `1.234` in this cell, settled for its column or sheet. */
  decimalFor: (cell: Cell) => DecimalMark;
  /** Records that an ambiguous number was read with the mark `decimalFor` gave. */
  onAmbiguous?: (cell: Cell, assumed: DecimalMark) => void;
}

/** Where a value came from: the cell itself, which names its sheet, address, row and column. */
export function celdaDe(cell: Cell): Celda {
  return cell;
}

/** Digits after the decimal point of a number as JavaScript writes it shortest. */
function decimalsOf(n: number): number {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return 0;
  const s = String(n);
  if (s.includes('e')) return 15;
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** What a numeric cell holds: nothing, not applicable, a number, or a value with its fraction. */
export type ContenidoNumerico =
  | { kind: 'vacio' }
  | { kind: 'no-aplica' }
  | { kind: 'invalido' }
  | { kind: 'numero'; numero: NumeroLeido }
  | { kind: 'fraccion'; declarado: NumeroLeido | null; numerador: NumeroLeido; denominador: NumeroLeido; factor: number | null };

/**
 * Reads a cell that should hold a number. A percent-formatted 0.71 is 71 (percent); a text
 * `71 %` is 71 (percent). Text that is not a number, an Excel error or a date is reported
 * with its cell and read as invalid.
 */
/** A year cell as messages name it (`Numerador meta 2012`), built only when a message needs it. */
export interface ValorAnual {
  anio: number;
  tipo: TipoMedicion;
  parte: ParteAnual;
}

/** `que` names the value in messages: a text, or the year cell it is (named only for a message). */
export function leerNumero(cell: Cell | undefined, ctx: LecturaContext, que: string | ValorAnual, fractions = true): ContenidoNumerico {
  if (!cell) return { kind: 'vacio' };
  const celda = celdaDe(cell);
  if (cell.error) {
    ctx.collector.error('error-de-formula', `${nombreDe(que)}: la celda muestra el error ${cell.error}; se esperaba un número.`, cell, cell.error);
    return { kind: 'invalido' };
  }
  const v = cell.value;
  if (v == null) return { kind: 'vacio' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'invalido' };
    if (cell.percent) {
      return { kind: 'numero', numero: { value: round15(v * 100), decimals: cell.formatDecimals ?? Math.max(0, decimalsOf(v) - 2), percent: true, celda } };
    }
    const d = decimalsOf(v);
    return { kind: 'numero', numero: { value: v, decimals: cell.formatDecimals != null && cell.formatDecimals < d ? cell.formatDecimals : d, percent: false, celda } };
  }
  if (typeof v === 'string') {
    const text = v.trim();
    if (text === '') return { kind: 'vacio' };
    const decimal = ctx.decimalFor(cell);
    const n = parseNumeroChileno(text, { decimal });
    if (n) {
      if (n.ambiguous) ctx.onAmbiguous?.(cell, decimal);
      return { kind: 'numero', numero: { value: n.value, decimals: n.decimals, percent: n.percent, celda } };
    }
    if (fractions) {
      const f = parseFraccion(text, { decimal });
      if (f) {
        if (f.numerador.ambiguous || f.denominador.ambiguous || f.stated?.ambiguous) ctx.onAmbiguous?.(cell, decimal);
        const mk = (p: { value: number; decimals: number; percent: boolean }): NumeroLeido => ({ value: p.value, decimals: p.decimals, percent: p.percent, celda });
        return { kind: 'fraccion', declarado: f.stated ? mk(f.stated) : null, numerador: mk(f.numerador), denominador: mk(f.denominador), factor: f.factor };
      }
    }
  }
  if (typeof v === 'string' && isNoAplica(v)) return { kind: 'no-aplica' };
  ctx.collector.error('valor-no-numerico', `${nombreDe(que)}: se esperaba un número y la celda contiene «${cellText(cell)}».`, cell, cellText(cell));
  return { kind: 'invalido' };
}

const nombreDe = (que: string | ValorAnual) =>
  typeof que === 'string' ? que : `${que.parte === 'valor' ? 'Valor' : que.parte === 'numerador' ? 'Numerador' : 'Denominador'} ${que.tipo === 'efectivo' ? '' : `${que.tipo} `}${que.anio}`;

function round15(n: number): number {
  return Number(n.toPrecision(15));
}
