import { normalizeKey } from '../core/text.js';

/** The words of DOMAIN.md §1, and the spellings real files use for them. */
export const DIMENSIONES = ['eficacia', 'eficiencia', 'economia', 'calidad'] as const;
export type Dimension = (typeof DIMENSIONES)[number];
export const DIMENSION_NOMBRE: Record<Dimension, string> = {
  eficacia: 'Eficacia',
  eficiencia: 'Eficiencia',
  economia: 'Economía',
  calidad: 'Calidad',
};

export const AMBITOS = ['proceso', 'producto', 'resultado-intermedio', 'resultado-final', 'resultado'] as const;
export type Ambito = (typeof AMBITOS)[number];
export const AMBITO_NOMBRE: Record<Ambito, string> = {
  proceso: 'Proceso',
  producto: 'Producto',
  'resultado-intermedio': 'Resultado Intermedio',
  'resultado-final': 'Resultado Final',
  resultado: 'Resultado',
};

export type Sentido = 'ascendente' | 'descendente';

/** `Calidad de Servicio` = Calidad; `eficiencia` = Eficiencia. */
export function parseDimension(text: string): Dimension | null {
  const k = normalizeKey(text);
  if (k === 'eficacia') return 'eficacia';
  if (k === 'eficiencia') return 'eficiencia';
  if (k === 'economia') return 'economia';
  if (k === 'calidad' || k === 'calidaddeservicio' || k === 'calidaddelservicio') return 'calidad';
  return null;
}

/** `Productos`/`Productivo` = Producto; `Resultado Final o Impacto` = Resultado Final; `Resultado` alone is accepted. */
export function parseAmbito(text: string): Ambito | null {
  const k = normalizeKey(text);
  if (k === 'proceso' || k === 'procesos') return 'proceso';
  if (k === 'producto' || k === 'productos' || k === 'productivo') return 'producto';
  if (k === 'resultadointermedio' || k === 'resultadosintermedios') return 'resultado-intermedio';
  if (k === 'resultadofinal' || k === 'resultadofinaloimpacto' || k === 'impacto' || k === 'resultadofinalimpacto') return 'resultado-final';
  if (k === 'resultado' || k === 'resultados') return 'resultado';
  return null;
}

/** `Calidad/Producto`, `Eficacia/Resultado Intermedio`: the combined column real files use. */
export function parseDimensionAmbito(text: string): { dimension: string; ambito: string } | null {
  const i = text.indexOf('/');
  if (i < 0) return null;
  return { dimension: text.slice(0, i).trim(), ambito: text.slice(i + 1).trim() };
}

export function parseSentido(text: string): Sentido | null {
  const k = normalizeKey(text);
  if (['ascendente', 'asc', 'creciente', 'mayoresmejor', 'alza'].includes(k) || text.trim() === '+' || text.trim() === '↑') return 'ascendente';
  if (['descendente', 'desc', 'decreciente', 'menoresmejor', 'baja'].includes(k) || text.trim() === '-' || text.trim() === '↓') return 'descendente';
  return null;
}

/** The factor of a unit: `%` → 100, `por mil` → 1000, anything else (número, días, $) → 1. */
export function factorDeUnidad(text: string): number | null {
  const t = text.trim();
  const k = normalizeKey(t);
  if (t === '%' || k === 'porcentaje' || k === 'porcentual') return 100;
  if (t === '‰' || k === 'pormil') return 1000;
  if (k === '') return null;
  return 1;
}

/** Marks a year as not applicable: `N/A`, `no aplica`, `n.a.`. */
export function isNoAplica(text: string): boolean {
  const k = normalizeKey(text);
  return k === 'n/a' || k === 'na' || k === 'noaplica' || k === 'nc';
}
