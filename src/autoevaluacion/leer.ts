import { cellText, type Sheet, type Workbook } from '../io/cell.js';
import { inferDecimalMark } from '../io/numero-chileno.js';
import { LectorAutoevaluacion, type LecturaCiclo, type LecturaOptions } from './lector.js';

export type { LecturaCiclo, LecturaOptions } from './lector.js';
export { detectar, type Disposicion } from './disposicion.js';

/**
 * Reads and validates one self-assessment workbook held in memory: finds its model sheet (if
 * any) and its data sheet (resumen or detalle), and returns the report with the cycles. Never
 * throws on bad data.
 */
export function leerCiclo(wb: Workbook, opts: LecturaOptions = {}): LecturaCiclo {
  const decimal = opts.decimal ?? inferDecimalMark(allTexts(wb)) ?? ',';
  const leer = (hojaModelo?: Sheet) => {
    const lector = new LectorAutoevaluacion(wb.file, wb.format, wb.notes, { ...opts, decimal, hojaModelo });
    for (const s of wb.sheets) {
      lector.startSheet(s.name);
      for (const r of s.rows) lector.row(r);
      lector.endSheet();
    }
    return lector.finish();
  };
  const r = leer();
  if (!('releer' in r)) return r;
  // The model sheet came after a long detalle table: read again with the model known.
  const r2 = leer(r.releer);
  if ('releer' in r2) throw new Error('autoevaluación: el modelo no quedó fijo en la segunda lectura');
  return r2;
}

function* allTexts(wb: Workbook): Iterable<string> {
  for (const s of wb.sheets) for (const r of s.rows) for (const c of r.cells) if (c && typeof c.value === 'string') yield cellText(c);
}
