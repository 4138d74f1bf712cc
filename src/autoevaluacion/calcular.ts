import type { Criterio, Modelo, Subcriterio } from './modelo.js';
import { sum } from './modelo.js';
import type { Entidad, TipoEntidad } from './entidades.js';
import type { Region } from './regiones.js';

/** Subcriterio score: máximo × Σ puntajes de sus elementos / (5 × n° de elementos), in points. */
export function puntajeSubcriterio(maximo: number, puntajesElementos: number[], nElementos = puntajesElementos.length): number {
  return (maximo * sum(puntajesElementos)) / (5 * nElementos);
}

/** % logro = puntaje / máximo × 100. */
export function porcentajeLogro(puntaje: number, maximo: number): number {
  return (puntaje / maximo) * 100;
}

/** % mejora = (promedio C2 − promedio C1) / máximo × 100, in percentage points, from unrounded averages. */
export function porcentajeMejora(promedioC1: number, promedioC2: number, maximo: number): number {
  return ((promedioC2 - promedioC1) / maximo) * 100;
}

/** Arithmetic mean; `null` for no values. */
export function promedio(xs: number[]): number | null {
  return xs.length ? sum(xs) / xs.length : null;
}

/**
 * Rank by score, highest first; ties share the rank and skip the next ones
 * (competition ranking: 1, 2, 2, 4). Returns ranks in the input order.
 */
export function ranking(puntajes: number[]): number[] {
  const orden = [...puntajes].sort((a, b) => b - a);
  return puntajes.map((p) => {
    // Scores above p + 1e-9 come first in `orden`: their count is found by bisection.
    let lo = 0;
    let hi = orden.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (orden[mid] > p + 1e-9) lo = mid + 1;
      else hi = mid;
    }
    return 1 + lo;
  });
}

/** One GORE's (or other entity's) scores in one cycle, as read from a workbook. */
export interface GoreCiclo {
  entidad: Entidad;
  /** Scores per criterio, in the model's order. */
  criterios: number[];
  /** Scores per subcriterio (by criterio), when the workbook has element scores. */
  subcriterios?: number[][];
  /** Element scores 0–5 in the model's order (1.1.a, 1.1.b, …), when the workbook has them. */
  elementos?: Uint8Array;
}

/** One self-assessment cycle: what a workbook holds once read and validated. */
export interface Ciclo {
  archivo: string;
  hoja: string | null;
  /** The cycle's year or name from a `Ciclo`/`Año` column, when the file has one. */
  etiqueta: string | null;
  layout: 'resumen' | 'detalle';
  modelo: Modelo;
  /** GOREs (regions reconciled) or other entities (municipios, servicios: by name). */
  tipoEntidad: TipoEntidad;
  /** What the entity column is called in outputs: `GORE`, or the file's header (`Municipio`). */
  tituloEntidad: string;
  gores: GoreCiclo[];
}

/**
 * Scores of one GORE from its element scores (in the model's order): subcriterios (each
 * máximo × Σ elementos / (5 × n° de elementos)), criterios (Σ subcriterios).
 */
export function puntajesDesdeElementos(modelo: Modelo, elementos: ArrayLike<number>): { subcriterios: number[][]; criterios: number[] } {
  let k = 0;
  const subcriterios = modelo.criterios.map((c) =>
    c.subcriterios.map((s: Subcriterio) => {
      let suma = 0;
      for (let i = 0; i < s.elementos; i++) suma += elementos[k++] ?? 0;
      return (s.maximo * suma) / (5 * s.elementos);
    }),
  );
  return { subcriterios, criterios: subcriterios.map((xs) => sum(xs)) };
}

/** Total of a GORE: Σ criterios. */
export function totalGore(g: GoreCiclo): number {
  return sum(g.criterios);
}

export interface ResultadoGore {
  gore: string;
  /** The region, when the entity is a GORE; `null` for municipios and other entities. */
  region: Region | null;
  criterios: { codigo: string; puntaje: number; maximo: number; logro: number }[];
  subcriterios?: { codigo: string; puntaje: number; maximo: number; logro: number }[];
  total: number;
  maximo: number;
  logro: number;
  ranking: number;
}

export interface ResultadoCriterio {
  codigo: string;
  nombre: string;
  maximo: number;
  promedio: number | null;
  logro: number | null;
  minimo: number | null;
  maximoObtenido: number | null;
}

export interface ResultadoCiclo {
  gores: ResultadoGore[];
  criterios: ResultadoCriterio[];
  subcriterios: ResultadoCriterio[] | null;
  total: ResultadoCriterio;
}

/**
 * Per GORE: criterio scores and % logro, total, rank; per criterio: average across GOREs and
 * its % logro. Subcriterios too when the cycle has them, unless `subcriterios` is false.
 */
export function calcularCiclo(ciclo: Ciclo, opts: { subcriterios?: boolean } = {}): ResultadoCiclo {
  const { modelo } = ciclo;
  const totales = ciclo.gores.map(totalGore);
  const ranks = ranking(totales);
  const subs = modelo.criterios.flatMap((c) => c.subcriterios);
  const conSub = opts.subcriterios !== false && ciclo.gores.length > 0 && ciclo.gores.every((g) => g.subcriterios);
  const gores: ResultadoGore[] = ciclo.gores.map((g, i) => ({
    gore: g.entidad.nombre,
    region: g.entidad.region,
    criterios: modelo.criterios.map((c, j) => linea(c.codigo, g.criterios[j], c.maximo)),
    subcriterios: conSub ? g.subcriterios!.flat().map((p, j) => linea(subs[j].codigo, p, subs[j].maximo)) : undefined,
    total: totales[i],
    maximo: modelo.maximo,
    logro: porcentajeLogro(totales[i], modelo.maximo),
    ranking: ranks[i],
  }));
  return {
    gores,
    criterios: modelo.criterios.map((c, j) => resumenDe(c.codigo, c.nombre, c.maximo, ciclo.gores.map((g) => g.criterios[j]))),
    subcriterios: conSub ? subcriteriosPromedio(subs, ciclo.gores) : null,
    total: resumenDe('total', 'Total', modelo.maximo, totales),
  };
}

function subcriteriosPromedio(subs: Subcriterio[], gores: GoreCiclo[]): ResultadoCriterio[] {
  const planos = gores.map((g) => g.subcriterios!.flat());
  return subs.map((s, j) => resumenDe(s.codigo, s.nombre, s.maximo, planos.map((p) => p[j])));
}

function linea(codigo: string, puntaje: number, maximo: number) {
  return { codigo, puntaje, maximo, logro: porcentajeLogro(puntaje, maximo) };
}

/** Average, its % logro, and the range across GOREs of one criterio (or the total). */
export function resumenDe(codigo: string, nombre: string, maximo: number, puntajes: number[]): ResultadoCriterio {
  const p = promedio(puntajes);
  return {
    codigo,
    nombre,
    maximo,
    promedio: p,
    logro: p == null ? null : porcentajeLogro(p, maximo),
    minimo: puntajes.length ? puntajes.reduce((a, b) => Math.min(a, b)) : null,
    maximoObtenido: puntajes.length ? puntajes.reduce((a, b) => Math.max(a, b)) : null,
  };
}

export type { Criterio };
