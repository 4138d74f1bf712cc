import type { Sheet } from '../io/cell.js';
import { clasificarEncabezado, parseCodigoElemento, textoDe } from './encabezados.js';
import type { ColumnasDetalle } from './leer-detalle.js';
import type { ColumnasResumen } from './leer-resumen.js';
import type { Modelo } from './modelo.js';
import { reconcileRegion } from './regiones.js';

const REGIONES = new Map<string, boolean>();

/** A header cell that names a region (wide layout); cached, as the same texts come in every file. */
function esRegion(texto: string): boolean {
  let r = REGIONES.get(texto);
  if (r === undefined) {
    r = !/^[\d\s.,%-]*$/.test(texto) && reconcileRegion(texto) !== null;
    if (REGIONES.size < 20_000) REGIONES.set(texto, r);
  }
  return r;
}

/** A data sheet's layout and columns; `titulo` is what outputs call its entities (`GORE`, `Municipio`). */
export type Disposicion =
  | { layout: 'resumen'; cols: ColumnasResumen; titulo: string }
  | { layout: 'detalle'; cols: ColumnasDetalle; titulo: string };

/**
 * Finds the header row (in the first 30 rows) and tells the layout from it. An entity column
 * titled Municipio, Comuna, Servicio or Entidad takes precedence over a GORE/Región column
 * (a municipal file may say each comuna's region too).
 */
export function detectar(sheet: Sheet, modelo: Modelo): Disposicion | null {
  for (const row of sheet.rows.slice(0, 30)) {
    const cols: Partial<Record<string, number>> = {};
    const criterios: (number | undefined)[] = [];
    let regiones = 0;
    let anoEnTotal: string | undefined;
    row.cells.forEach((c, i) => {
      const texto = textoDe(c);
      if (!texto) return;
      const e = clasificarEncabezado(texto, modelo);
      if (e.tipo === 'criterio') criterios[e.indice] ??= i;
      else if (e.tipo === 'otra') {
        if (esRegion(texto)) regiones++;
      } else if (cols[e.tipo] == null) {
        cols[e.tipo] = i;
        if (e.tipo === 'total') anoEnTotal = /(19|20)\d\d/.exec(texto)?.[0];
      }
    });
    const entidad = cols.entidad != null ? 'otra' : 'gore';
    const col = cols.entidad ?? cols.gore;
    const titulo = entidad === 'gore' ? 'GORE' : textoDe(row.cells[col!]);
    const nCriterios = criterios.filter((x) => x != null).length;
    if (col != null && cols.elemento != null && cols.puntaje != null) {
      return { layout: 'detalle', titulo, cols: { forma: 'larga', fila: row.index, gore: col, entidad, elemento: cols.elemento, puntaje: cols.puntaje, ciclo: cols.ciclo } };
    }
    if (cols.elemento != null && regiones > 0 && col == null) {
      return { layout: 'detalle', titulo, cols: { forma: 'ancha', fila: row.index, entidad: 'gore', elemento: cols.elemento } };
    }
    // Another entity's table must name two criterios: one alone could be any header.
    if (col != null && nCriterios >= (entidad === 'gore' ? 1 : 2)) {
      return { layout: 'resumen', titulo, cols: { fila: row.index, gore: col, entidad, criterios: modelo.criterios.map((_, i) => criterios[i]), total: cols.total, ciclo: cols.ciclo, anoEnTotal } };
    }
    // Elementos down and GOREs across, with the codes under an unnamed first column.
    if (regiones > 0 && col == null && row.cells[0] == null) {
      const next = sheet.rows.find((r) => r.index > row.index);
      if (next && parseCodigoElemento(textoDe(next.cells[0]))) return { layout: 'detalle', titulo, cols: { forma: 'ancha', fila: row.index, entidad: 'gore', elemento: 0 } };
    }
  }
  return null;
}

