import { cellText, type Cell } from '../io/cell.js';
import { parseNumeroChileno, type DecimalMark } from '../io/numero-chileno.js';
import { cleanText, normalizeKey } from '../core/text.js';
import type { Modelo } from './modelo.js';

/** What a header cell names, for the layout readers. */
export type Encabezado =
  | { tipo: 'gore' | 'entidad' | 'ciclo' | 'total' | 'elemento' | 'puntaje' | 'maximo' | 'nelementos' | 'codigo' | 'nombre' | 'ignorada' }
  | { tipo: 'criterio'; indice: number }
  | { tipo: 'subcriterio'; codigo: string }
  | { tipo: 'otra' };

const GORE = new Set(['gore', 'gores', 'region', 'regiones', 'gobiernoregional', 'gobiernosregionales', 'gobiernoregionalgore', 'regiongore', 'goreregion', 'nombregore', 'nombredelgore', 'nombreregion']);
/** Entities that are not GOREs (municipios, servicios): taken by their name, not reconciled as regions. */
const ENTIDAD = new Set(['municipio', 'municipios', 'municipalidad', 'municipalidades', 'comuna', 'comunas', 'entidad', 'entidades', 'servicio', 'servicios', 'institucion', 'instituciones', 'organismo', 'organismos', 'nombremunicipio', 'nombredelmunicipio', 'nombrecomuna', 'nombreentidad', 'nombreservicio', 'nombreinstitucion']);
const CICLO = new Set(['ciclo', 'ano', 'anio', 'year', 'periodo', 'cicloautoevaluacion', 'ciclodeautoevaluacion', 'anoevaluacion', 'anodeevaluacion']);
const ELEMENTO = new Set(['elemento', 'codigoelemento', 'codigodelelemento', 'elementodegestion', 'codelemento', 'codigo', 'cod', 'item']);
const PUNTAJE = new Set(['puntaje', 'puntuacion', 'nota', 'valor', 'puntajeelemento', 'puntajedelelemento', 'calificacion', 'puntajeobtenido', 'puntaje05']);
const MAXIMO = new Set(['maximo', 'puntajemaximo', 'maximopuntaje', 'ptjemaximo', 'puntosmaximos', 'maximocriterio', 'puntaje maximo']);
const IGNORADAS = new Set(['n', 'no', 'nro', 'numero', 'logro', 'porcentajelogro', '%logro', 'ranking', 'lugar', 'posicion', 'observaciones', 'observacion', 'descripcion', 'criterio', 'subcriterio', 'nombreelemento', 'descripcionelemento']);

/** Classified texts per model: the same headers come in every file of a folder. */
const CACHE = new WeakMap<Modelo, Map<string, Encabezado>>();
const CACHE_MAX = 20_000;
/** Criterio names as keys, per model. */
const NOMBRES = new WeakMap<Modelo, { i: number; k: string }[]>();

/** Classifies a header cell; `modelo` names the criterios a header may spell out. */
export function clasificarEncabezado(text: string, modelo: Modelo, contexto: 'datos' | 'modelo' = 'datos'): Encabezado {
  if (contexto === 'modelo') return clasificar(text, modelo, contexto);
  let cache = CACHE.get(modelo);
  if (!cache) CACHE.set(modelo, (cache = new Map()));
  const hit = cache.get(text);
  if (hit) return hit;
  const e = clasificar(text, modelo, contexto);
  if (cache.size < CACHE_MAX) cache.set(text, e);
  return e;
}

function clasificar(text: string, modelo: Modelo, contexto: 'datos' | 'modelo'): Encabezado {
  const t = cleanText(text);
  const key = normalizeKey(t);
  if (key === '') return { tipo: 'otra' };
  if (contexto === 'modelo') {
    if (MAXIMO.has(key) || key.startsWith('maximo') || key.startsWith('puntajemaximo')) return { tipo: 'maximo' };
    if (key.includes('elemento')) return { tipo: 'nelementos' };
    if (['criterio/subcriterio', 'criterio', 'subcriterio', 'codigo', 'item', 'criteriosubcriterio', 'criterio/subcriterio/elemento'].includes(key)) return { tipo: 'codigo' };
    if (['nombre', 'descripcion', 'nombrecriterio', 'nombredelcriterio'].includes(key)) return { tipo: 'nombre' };
    return { tipo: 'otra' };
  }
  if (GORE.has(key)) return { tipo: 'gore' };
  if (ENTIDAD.has(key)) return { tipo: 'entidad' };
  if (CICLO.has(key)) return { tipo: 'ciclo' };
  if (ELEMENTO.has(key)) return { tipo: 'elemento' };
  if (PUNTAJE.has(key)) return { tipo: 'puntaje' };
  const sinAno = key.replace(/(19|20)\d\d/g, '');
  if (['total', 'puntajetotal', 'totalpuntaje', 'totalgeneral', 'validacion', 'puntajevalidado', 'totalvalidado'].includes(sinAno)) return { tipo: 'total' };
  if (IGNORADAS.has(key)) return { tipo: 'ignorada' };
  const sub = /^(\d+)\.(\d+)(?![.\d])/.exec(t);
  if (sub) return { tipo: 'subcriterio', codigo: `${Number(sub[1])}.${Number(sub[2])}` };
  // `1. LIDERAZGO`, `3.PERSONAS`, `4 PLANIFICACION …`, `Criterio 1`, `C1`; never `1.1`.
  const num = /^(?:criterio|c)?\s*(?:n[°º.o]*\s*)?(\d+)(?:\s*[.\-):]\s*(?!\d)|\s+(?!\d)|$)/i.exec(t);
  if (num) {
    const n = Number(num[1]);
    const i = modelo.criterios.findIndex((c) => Number(c.codigo) === n);
    return i >= 0 ? { tipo: 'criterio', indice: i } : { tipo: 'otra' };
  }
  // A name alone, whole or shortened (`Liderazgo`, `Ciudadanía`, `Gestión de recursos`), if only one criterio fits.
  let nombres = NOMBRES.get(modelo);
  if (!nombres) NOMBRES.set(modelo, (nombres = modelo.criterios.map((c, i) => ({ i, k: normalizeKey(c.nombre) }))));
  const fits = nombres.filter(({ k }) => k === key || (key.length >= 5 && k.includes(key)) || (k.length >= 5 && key.includes(k)));
  if (fits.length === 1) return { tipo: 'criterio', indice: fits[0].i };
  return { tipo: 'otra' };
}

/** An elemento code as files write it (`1.1.a`, `1.1.A`, `1.1 a`, `1.1a`, `1.1.a) Descripción`) → `1.1.a`. */
export function parseCodigoElemento(text: string): string | null {
  const m = /^\s*(\d+)\s*\.\s*(\d+)\s*\.?\s*([a-z]{1,2})(?![a-zñáéíóú])/i.exec(text);
  return m ? `${Number(m[1])}.${Number(m[2])}.${m[3].toLowerCase()}` : null;
}

/** A number in a cell: written decimals are the precision it was written with. */
export type NumeroCelda = { ok: true; value: number; decimals: number } | { ok: false; motivo: string } | null;

/** Reads a score from a cell: numbers as they are, texts as Chilean numbers; `null` when blank. */
export function numeroDeCelda(cell: Cell | undefined, decimal: DecimalMark): NumeroCelda {
  if (!cell) return null;
  if (cell.error) return { ok: false, motivo: `la celda muestra el error ${cell.error}` };
  const v = cell.value;
  if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
  if (typeof v === 'number') {
    if (cell.percent) return { ok: false, motivo: 'es un porcentaje, no un puntaje' };
    return { ok: true, value: v, decimals: cell.formatDecimals ?? decimalesDe(v) };
  }
  if (typeof v !== 'string') return { ok: false, motivo: `la celda dice «${cellText(cell)}»` };
  const p = parseNumeroChileno(v, { decimal });
  if (!p) return { ok: false, motivo: `la celda dice «${v.trim()}»` };
  if (p.percent) return { ok: false, motivo: 'es un porcentaje, no un puntaje' };
  return { ok: true, value: p.value, decimals: p.decimals };
}

/** 159 → 0, 13.4 → 1: the decimals a number shows when written in full. */
export function decimalesDe(n: number): number {
  const s = String(n);
  if (s.includes('e')) return 0;
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

export function textoDe(cell: Cell | undefined): string {
  return cleanText(cellText(cell));
}

/** Rows that sum or average the GOREs (`Total`, `Promedio`, `Máximo`): not a GORE, skipped. */
export function esFilaResumen(text: string): boolean {
  const k = normalizeKey(text);
  return /^(total|promedio|media|maximo|puntajemaximo|suma|minimo)/.test(k);
}

export function formatPuntaje(n: number): string {
  return new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 }).format(n);
}
