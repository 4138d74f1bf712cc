import { a1, type IssueCollector } from '../core/report.js';
import type { Cell, Row, Sheet } from '../io/cell.js';
import type { DecimalMark } from '../io/numero-chileno.js';
import type { GoreCiclo } from './calcular.js';
import { esFilaResumen, formatPuntaje, numeroDeCelda, textoDe } from './encabezados.js';
import { sum, type Modelo } from './modelo.js';
import { reconcileRegion, type Region } from './regiones.js';

/** Columns of a resumen sheet: one row per GORE, one column per criterio. */
export interface ColumnasResumen {
  fila: number;
  gore: number;
  criterios: (number | undefined)[];
  total?: number;
  ciclo?: number;
  /** A year in the total's header (`Validación 2013`), used as the cycle's label. */
  anoEnTotal?: string;
}

export interface Lectura {
  gores: GoreCiclo[];
  etiqueta: string | null;
}

/**
 * Reads a resumen sheet. Each criterio score must be a number from 0 to its máximo; a Total,
 * when there is one, must equal the sum of the criterios to the precision it is written with.
 */
export function leerResumen(sheet: Sheet, h: ColumnasResumen, modelo: Modelo, issues: IssueCollector, decimal: DecimalMark): Lectura {
  modelo.criterios.forEach((c, i) => {
    if (h.criterios[i] == null) {
      issues.error('criterio-faltante', `Falta la columna del criterio ${c.codigo}. ${c.nombre}: la fila de encabezados no la tiene.`, { sheet: sheet.name, row: h.fila }, `${c.codigo}. ${c.nombre}`);
    }
  });
  const gores: GoreCiclo[] = [];
  const vistos = new Map<string, Cell>();
  const ciclos = lectorCiclo(issues);
  for (const row of sheet.rows.filter((r) => r.index > h.fila)) {
    const cGore = row.cells[h.gore];
    const nombre = textoDe(cGore);
    const datos = row.cells.some((c, i) => i !== h.gore && c && textoDe(c) !== '');
    if (nombre === '') {
      if (datos) issues.error('gore-faltante', 'La fila tiene puntajes pero no dice a qué GORE corresponden.', { sheet: sheet.name, row: row.index, address: undefined }, null);
      continue;
    }
    if (esFilaResumen(nombre)) {
      issues.notas.push(`${issues.archivo}: fila ${row.index} («${nombre}») es un resumen, no un GORE; no se lee.`);
      continue;
    }
    const region = regionDeCelda(cGore!, nombre, vistos, issues);
    // Messages name the GORE as pbr does, and as the file wrote it when that differs.
    const quien = !region ? `«${nombre}»` : region.nombre === nombre ? nombre : `${region.nombre} («${nombre}»)`;
    if (h.ciclo != null) ciclos.leer(row.cells[h.ciclo]);
    const puntajes = modelo.criterios.map((c, i) => (h.criterios[i] == null ? null : puntajeCriterio(row.cells[h.criterios[i]!], row, h.criterios[i]!, sheet, c.codigo, c.nombre, c.maximo, quien, issues, decimal)));
    if (h.total != null) revisarTotal(row.cells[h.total], puntajes, modelo, quien, issues, decimal);
    if (region && puntajes.every((p): p is number => p != null)) gores.push({ region, criterios: puntajes });
  }
  return { gores, etiqueta: ciclos.etiqueta() ?? h.anoEnTotal ?? null };
}

/** The region a GORE cell names; an unknown or repeated region is an error at that cell. */
export function regionDeCelda(cell: Cell, nombre: string, vistos: Map<string, Cell> | null, issues: IssueCollector): Region | null {
  const region = reconcileRegion(nombre);
  if (!region) {
    issues.error('region-desconocida', `«${nombre}» no es una de las 16 regiones de Chile (se aceptan el nombre oficial, el corto, «Región de …» o el número romano).`, cell, nombre);
    return null;
  }
  if (vistos) {
    const antes = vistos.get(region.numero);
    if (antes) {
      issues.error('gore-duplicado', `El GORE ${region.nombre} aparece dos veces: también en ${antes.address}${antes.value !== cell.value ? ` («${textoDe(antes)}»)` : ''}.`, cell, nombre);
      return null;
    }
    vistos.set(region.numero, cell);
  }
  return region;
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

/** Collects a file's cycle or year column: one file holds one cycle. */
export function lectorCiclo(issues: IssueCollector) {
  let primero: { valor: string; cell: Cell } | null = null;
  let avisado = false;
  return {
    leer(cell: Cell | undefined) {
      const v = textoDe(cell);
      if (!v || !cell) return;
      if (!primero) primero = { valor: v, cell };
      else if (v !== primero.valor && !avisado) {
        avisado = true;
        issues.error('ciclo-mixto', `El archivo mezcla ciclos: «${v}» aquí y «${primero.valor}» en ${primero.cell.address}; use un archivo por ciclo.`, cell, v);
      }
    },
    etiqueta: (): string | null => primero?.valor ?? null,
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
