import { a1, type IssueCollector } from '../core/report.js';
import type { Cell, Row, Sheet } from '../io/cell.js';
import type { DecimalMark } from '../io/numero-chileno.js';
import type { GoreCiclo } from './calcular.js';
import { esFilaResumen, formatPuntaje, numeroDeCelda, textoDe } from './encabezados.js';
import { LectorCiclos } from './ciclos.js';
import { quien, RegistroEntidades, type TipoEntidad } from './entidades.js';
import { sum, type Modelo } from './modelo.js';

/** Columns of a resumen sheet: one row per GORE (and cycle), one column per criterio. */
export interface ColumnasResumen {
  fila: number;
  gore: number;
  /** GOREs (regions reconciled) or other entities taken by name. */
  entidad: TipoEntidad;
  criterios: (number | undefined)[];
  total?: number;
  ciclo?: number;
  /** A year in the total's header (`Validación 2013`), used as the cycle's label. */
  anoEnTotal?: string;
}

/** What a data sheet holds: its cycles (one when it has no cycle column), each with its entities. */
export interface Lectura {
  ciclos: { etiqueta: string | null; gores: GoreCiclo[] }[];
}

/**
 * Reads a resumen sheet. Each criterio score must be a number from 0 to its máximo; a Total,
 * when there is one, must equal the sum of the criterios to the precision it is written with.
 * An entity may appear once per cycle.
 */
export function leerResumen(sheet: Sheet, h: ColumnasResumen, modelo: Modelo, issues: IssueCollector, decimal: DecimalMark): Lectura {
  modelo.criterios.forEach((c, i) => {
    if (h.criterios[i] == null) {
      issues.error('criterio-faltante', `Falta la columna del criterio ${c.codigo}. ${c.nombre}: la fila de encabezados no la tiene.`, { sheet: sheet.name, row: h.fila }, `${c.codigo}. ${c.nombre}`);
    }
  });
  const porCiclo = new Map<number, GoreCiclo[]>();
  const vistos = new Map<string, Cell>();
  const ciclos = new LectorCiclos();
  const registro = new RegistroEntidades(h.entidad);
  const palabra = h.entidad === 'gore' ? 'GORE' : 'entidad';
  for (const row of sheet.rows.filter((r) => r.index > h.fila)) {
    const cGore = row.cells[h.gore];
    const nombre = textoDe(cGore);
    const datos = row.cells.some((c, i) => i !== h.gore && c && textoDe(c) !== '');
    if (nombre === '') {
      if (datos) issues.error('gore-faltante', `La fila tiene puntajes pero no dice a qué ${palabra} corresponden.`, { sheet: sheet.name, row: row.index, address: undefined }, null);
      continue;
    }
    if (esFilaResumen(nombre)) {
      issues.notas.push(`${issues.archivo}: fila ${row.index} («${nombre}») es un resumen, no un ${palabra}; no se lee.`);
      continue;
    }
    const ciclo = h.ciclo == null ? -1 : ciclos.leer(row.cells[h.ciclo], sheet.name, row.index, h.ciclo + 1);
    let entidad = registro.entidad(nombre, cGore!, issues);
    if (entidad) {
      const key = `${ciclo}\u0001${entidad.clave}`;
      const antes = vistos.get(key);
      if (antes) {
        const cuando = ciclo >= 0 ? ` en el ciclo ${ciclos.etiqueta(ciclo)}` : '';
        if (h.entidad === 'gore') issues.error('gore-duplicado', `El GORE ${entidad.nombre} aparece dos veces${cuando}: también en ${antes.address}${antes.value !== cGore!.value ? ` («${textoDe(antes)}»)` : ''}.`, cGore, nombre);
        else issues.error('entidad-duplicada', `«${nombre}» aparece dos veces${cuando}: también en ${antes.address}${antes.value !== cGore!.value ? ` («${textoDe(antes)}»)` : ''}.`, cGore, nombre);
        entidad = null;
      } else vistos.set(key, cGore!);
    }
    // Messages name the GORE as pbr does, and as the file wrote it when that differs.
    const q = quien(entidad, nombre);
    const puntajes = modelo.criterios.map((c, i) => (h.criterios[i] == null ? null : puntajeCriterio(row.cells[h.criterios[i]!], row, h.criterios[i]!, sheet, c.codigo, c.nombre, c.maximo, q, issues, decimal)));
    if (h.total != null) revisarTotal(row.cells[h.total], puntajes, modelo, q, issues, decimal);
    if (!porCiclo.has(ciclo)) porCiclo.set(ciclo, []);
    if (entidad && puntajes.every((p): p is number => p != null)) porCiclo.get(ciclo)!.push({ entidad, criterios: puntajes });
  }
  ciclos.revisar(issues);
  const lista = [...porCiclo.entries()].map(([i, gores]) => ({ etiqueta: ciclos.etiqueta(i) ?? h.anoEnTotal ?? null, gores }));
  return { ciclos: lista.length ? lista : [{ etiqueta: h.anoEnTotal ?? null, gores: [] }] };
}

function puntajeCriterio(cell: Cell | undefined, row: Row, col: number, sheet: Sheet, codigo: string, nombre: string, maximo: number, gore: string, issues: IssueCollector, decimal: DecimalMark): number | null {
  const n = numeroDeCelda(cell, decimal);
  const at = cell ?? { sheet: sheet.name, row: row.index, col: col + 1, address: a1(row.index, col + 1) };
  const que = `el puntaje de ${gore} en el criterio ${codigo}. ${nombre}`;
  if (n == null) {
    issues.error('criterio-faltante', `Falta ${que}.`, at, null);
    return null;
  }
  if (!n.ok) {
    issues.error('valor-no-numerico', `${capital(que)} no es un número: ${n.motivo}.`, at, textoDe(cell));
    return null;
  }
  if (n.value < 0) {
    issues.error('puntaje-negativo', `${capital(que)} es ${formatPuntaje(n.value)}: no puede ser negativo.`, at, n.value);
    return null;
  }
  if (n.value > maximo + 1e-9) {
    issues.error('puntaje-sobre-maximo', `${capital(que)} es ${formatPuntaje(n.value)}, sobre el máximo del criterio (${formatPuntaje(maximo)}).`, at, n.value);
    return null;
  }
  return n.value;
}

/** Total = Σ criterios, to the precision the total is written with (`159` accepts 158,5–159,5). */
function revisarTotal(cell: Cell | undefined, puntajes: (number | null)[], modelo: Modelo, gore: string, issues: IssueCollector, decimal: DecimalMark): void {
  const n = numeroDeCelda(cell, decimal);
  if (n == null) return;
  if (!n.ok) {
    issues.error('valor-no-numerico', `El total de ${gore} no es un número: ${n.motivo}.`, cell, textoDe(cell));
    return;
  }
  if (n.value > modelo.maximo + 1e-9) {
    issues.error('puntaje-sobre-maximo', `El total de ${gore} es ${formatPuntaje(n.value)}, sobre el máximo del modelo (${formatPuntaje(modelo.maximo)}).`, cell, n.value);
    return;
  }
  if (n.value < 0) {
    issues.error('puntaje-negativo', `El total de ${gore} es ${formatPuntaje(n.value)}: no puede ser negativo.`, cell, n.value);
    return;
  }
  if (puntajes.some((p) => p == null)) return;
  const suma = sum(puntajes as number[]);
  const tolerancia = 0.5 * 10 ** -n.decimals + 1e-9;
  if (Math.abs(suma - n.value) > tolerancia) {
    issues.error('total-inconsistente', `El total de ${gore} dice ${formatPuntaje(n.value)}, pero sus criterios suman ${formatPuntaje(suma)}.`, cell, n.value);
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
