import { normalizeWords } from '../core/text.js';
import type { Indicador, Producto } from './schema.js';
import type { Ambito } from './vocabulario.js';

/** The seed's columns: Resultado gathers intermedio, final and a bare "Resultado". */
export type ColumnaAmbito = 'resultado' | 'producto' | 'proceso' | 'sinAmbito';

export function columnaDeAmbito(a: Ambito | null): ColumnaAmbito {
  if (a === 'producto') return 'producto';
  if (a === 'proceso') return 'proceso';
  if (a === null) return 'sinAmbito';
  return 'resultado';
}

export interface Conteo {
  total: number;
  resultado: number;
  producto: number;
  proceso: number;
  sinAmbito: number;
}

export interface FilaResumen extends Conteo {
  numero: number;
  nombre: string;
}

export interface ResumenServicio {
  servicio: string | null;
  filas: FilaResumen[];
  total: Conteo;
  /** Share of each column in the total of indicators (%); `null` with no indicators. */
  participacion: Record<keyof Conteo, number | null>;
}

const vacio = (): Conteo => ({ total: 0, resultado: 0, producto: 0, proceso: 0, sinAmbito: 0 });

/**
 * Indicators per producto estratégico by ámbito (seed: GORE Antofagasta 2012), with totals
 * and participación = column total / total indicators × 100. Products come from the products
 * list when there is one (so a product with no indicator still appears), then those the
 * indicators name.
 */
export type IndicadorResumido = Pick<Indicador, 'servicio' | 'producto' | 'ambito' | 'dimension'>;

export function computeResumen(indicadores: IndicadorResumido[], productos: Producto[] | null): ResumenServicio[] {
  const grupos = new Map<string | null, IndicadorResumido[]>();
  for (const i of indicadores) grupos.set(i.servicio, [...(grupos.get(i.servicio) ?? []), i]);
  const listados = [...new Set((productos ?? []).map((p) => p.servicio).filter((s): s is string => s !== null))];
  // A file of one servicio that only its products sheet names.
  if (grupos.size === 0 && productos?.length) grupos.set(listados.length === 1 ? listados[0] : null, []);
  if (grupos.size === 1 && grupos.has(null) && listados.length === 1) {
    grupos.set(listados[0], grupos.get(null)!);
    grupos.delete(null);
  }
  const out: ResumenServicio[] = [];
  for (const [servicio, inds] of grupos) {
    const lista = (productos ?? []).filter((p) => p.servicio === null || p.servicio === servicio || grupos.size === 1);
    const filas: FilaResumen[] = lista.map((p, k) => ({ ...vacio(), numero: p.numero ?? k + 1, nombre: p.nombre }));
    const byName = new Map(filas.map((f) => [normalizeWords(f.nombre), f]));
    const byNumber = new Map(filas.map((f) => [String(f.numero), f]));
    for (const ind of inds) {
      const name = ind.producto ?? '(sin producto)';
      let fila = byName.get(normalizeWords(name)) ?? byNumber.get(name.trim());
      if (!fila) {
        fila = { ...vacio(), numero: filas.length + 1, nombre: name };
        filas.push(fila);
        byName.set(normalizeWords(name), fila);
      }
      fila.total++;
      fila[columnaDeAmbito(ind.ambito)]++;
    }
    const total = vacio();
    for (const f of filas) for (const k of Object.keys(total) as (keyof Conteo)[]) total[k] += f[k];
    const participacion = Object.fromEntries(
      (Object.keys(total) as (keyof Conteo)[]).map((k) => [k, total.total === 0 ? null : (total[k] / total.total) * 100]),
    ) as Record<keyof Conteo, number | null>;
    out.push({ servicio, filas, total, participacion });
  }
  return out;
}
