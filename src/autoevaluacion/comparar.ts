import { porcentajeLogro, porcentajeMejora, promedio, ranking, totalGore, type Ciclo, type GoreCiclo } from './calcular.js';
import type { Entidad } from './entidades.js';
import type { Modelo } from './modelo.js';
import type { Region } from './regiones.js';

export interface FilaComparacion {
  codigo: string;
  nombre: string;
  maximo: number;
  promedioC1: number | null;
  promedioC2: number | null;
  logroC1: number | null;
  logroC2: number | null;
  /** Percentage points, from the unrounded averages. */
  mejora: number | null;
}

export interface GoreComparacion {
  gore: string;
  /** The region, when the entities are GOREs; `null` for municipios and other entities. */
  region: Region | null;
  presencia: 'ambos' | 'solo-c1' | 'solo-c2';
  totalC1: number | null;
  totalC2: number | null;
  diferencia: number | null;
  rankingC1: number | null;
  rankingC2: number | null;
  /** rank C1 − rank C2: positive means the GORE moved up. */
  cambioRanking: number | null;
}

export interface Comparacion {
  etiquetas: [string, string];
  /** What the entities are called: `GORE`, or the files' header (`Municipio`). */
  tituloEntidad: string;
  /** GOREs present in both cycles: the averages are over these. */
  goresComunes: number;
  criterios: FilaComparacion[];
  total: FilaComparacion;
  gores: GoreComparacion[];
}

/**
 * Compares two cycles: per criterio the averages over the GOREs present in both, % logro C2
 * (promedio C2 / máximo × 100) and % mejora; per GORE both totals, the difference and the
 * ranks (each cycle ranks all of its GOREs). Both cycles must share the model's criterios.
 */
export function compararCiclos(c1: Ciclo, c2: Ciclo, etiquetas: [string, string]): Comparacion {
  const modelo: Modelo = c2.modelo;
  const key = (g: GoreCiclo) => g.entidad.clave;
  const en1 = new Map(c1.gores.map((g) => [key(g), g]));
  const en2 = new Map(c2.gores.map((g) => [key(g), g]));
  const comunes1 = c1.gores.filter((g) => en2.has(key(g)));
  const comunes2 = comunes1.map((g) => en2.get(key(g))!);

  const fila = (codigo: string, nombre: string, maximo: number, xs1: number[], xs2: number[]): FilaComparacion => {
    const p1 = promedio(xs1);
    const p2 = promedio(xs2);
    return {
      codigo,
      nombre,
      maximo,
      promedioC1: p1,
      promedioC2: p2,
      logroC1: p1 == null ? null : porcentajeLogro(p1, maximo),
      logroC2: p2 == null ? null : porcentajeLogro(p2, maximo),
      mejora: p1 == null || p2 == null ? null : porcentajeMejora(p1, p2, maximo),
    };
  };
  const criterios = modelo.criterios.map((c, j) => fila(c.codigo, c.nombre, c.maximo, comunes1.map((g) => g.criterios[j]), comunes2.map((g) => g.criterios[j])));
  const total = fila('total', 'Total', modelo.maximo, comunes1.map(totalGore), comunes2.map(totalGore));

  const ranks1 = ranking(c1.gores.map(totalGore));
  const ranks2 = ranking(c2.gores.map(totalGore));
  const rank1 = new Map(c1.gores.map((g, i) => [key(g), ranks1[i]]));
  const rank2 = new Map(c2.gores.map((g, i) => [key(g), ranks2[i]]));
  // GOREs north to south; other entities in the order the first cycle lists them, then the second's.
  const entidades = new Map<string, Entidad>();
  for (const g of [...c1.gores, ...c2.gores]) if (!entidades.has(key(g))) entidades.set(key(g), g.entidad);
  const lista = [...entidades.values()];
  if (lista.every((e) => e.region)) lista.sort((a, b) => a.orden - b.orden);
  const gores = lista
    .map((entidad): GoreComparacion => {
      const g1 = en1.get(entidad.clave);
      const g2 = en2.get(entidad.clave);
      const t1 = g1 ? totalGore(g1) : null;
      const t2 = g2 ? totalGore(g2) : null;
      const r1 = rank1.get(entidad.clave) ?? null;
      const r2 = rank2.get(entidad.clave) ?? null;
      return {
        gore: entidad.nombre,
        region: entidad.region,
        presencia: g1 && g2 ? 'ambos' : g1 ? 'solo-c1' : 'solo-c2',
        totalC1: t1,
        totalC2: t2,
        diferencia: t1 != null && t2 != null ? t2 - t1 : null,
        rankingC1: r1,
        rankingC2: r2,
        cambioRanking: r1 != null && r2 != null ? r1 - r2 : null,
      };
    });
  return { etiquetas, tituloEntidad: c2.tituloEntidad, goresComunes: comunes1.length, criterios, total, gores };
}

/** Both cycles score the same kind of entity (GOREs, or others by name); otherwise they cannot be compared. */
export function entidadesComparables(a: Ciclo, b: Ciclo): string | null {
  if (a.tipoEntidad === b.tipoEntidad) return null;
  const [gore, otro] = a.tipoEntidad === 'gore' ? [a, b] : [b, a];
  return `${gore.archivo} trae GORE (regiones) y ${otro.archivo} trae ${otro.tituloEntidad.toLowerCase()}: no son las mismas entidades.`;
}

/** Both cycles score the same criterios (same count and maxima); otherwise they cannot be compared. */
export function modelosComparables(a: Modelo, b: Modelo): string | null {
  if (a.criterios.length !== b.criterios.length) return `los ciclos usan modelos distintos (${a.criterios.length} y ${b.criterios.length} criterios).`;
  const i = a.criterios.findIndex((c, j) => Math.abs(c.maximo - b.criterios[j].maximo) >= 0.005);
  if (i >= 0) return `el criterio ${a.criterios[i].codigo} tiene máximo ${a.criterios[i].maximo} en un ciclo y ${b.criterios[i].maximo} en el otro.`;
  return null;
}
