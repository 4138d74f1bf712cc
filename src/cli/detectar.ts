import { MODELO_INTEGRADO } from '../autoevaluacion/modelo.js';
import { detectar as detectarAutoevaluacion } from '../autoevaluacion/leer.js';
import type { ValidationReport } from '../core/report.js';
import { findEncabezado } from '../indicadores/encabezado-hoja.js';
import type { Sheet, Workbook } from '../io/cell.js';

export type TipoLibro = ValidationReport['tipo'];

/** Rows of a sheet enough to tell its domain: the indicator header is looked for in the first 40 (and one below). */
export const FILAS_DETECCION = 45;

/** A sheet whose first rows already say which domain it is (the others need not be looked at). */
export function muestraDecide(sheet: Sheet): boolean {
  const h = findEncabezado(sheet);
  return (!!h && (h.campos.has('indicador') || h.anios > 0)) || detectarAutoevaluacion(sheet, MODELO_INTEGRADO) !== null;
}

/** An indicator workbook: a sheet whose header names the Indicador column or year columns. */
export function pareceIndicadores(wb: Workbook): boolean {
  return wb.sheets.some((s) => {
    const h = findEncabezado(s);
    return !!h && (h.campos.has('indicador') || h.anios > 0);
  });
}

/** A self-assessment workbook: a sheet with a resumen or detalle header (GORE, criterios, elementos). */
export function pareceAutoevaluacion(wb: Workbook): boolean {
  return wb.sheets.some((s) => detectarAutoevaluacion(s, MODELO_INTEGRADO) !== null);
}

/**
 * Which domain a workbook belongs to, from its headers. A workbook that looks like both is read
 * as indicators when its header names the Indicador column, else as a self-assessment.
 */
export function detectarTipo(wb: Workbook): TipoLibro {
  const ind = pareceIndicadores(wb);
  const auto = pareceAutoevaluacion(wb);
  if (ind && auto) return wb.sheets.some((s) => findEncabezado(s)?.campos.has('indicador')) ? 'indicadores' : 'autoevaluacion';
  if (ind) return 'indicadores';
  if (auto) return 'autoevaluacion';
  return 'desconocido';
}
