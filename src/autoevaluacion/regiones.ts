import { normalizeWords } from '../core/text.js';

/** One of the 16 regions (and its Gobierno Regional). */
export interface Region {
  /** Roman numeral as Chilean files write it: `XV`, `I`, … `RM`, `XVI`. */
  numero: string;
  /** Official short name, the one pbr prints. */
  nombre: string;
  /** Full official name of the region. */
  nombreOficial: string;
  /** Order north to south, for listings. */
  orden: number;
}

/**
 * [número romano, otros números, nombre corto, nombre oficial, otras grafías] — DOMAIN.md §2.
 * Each region's Arabic number (`8`, `Región 14`) is its Roman one's value (RM is XIII, 13).
 */
const REGIONES_TABLA: [string, string[], string, string, string[]][] = [
  ['XV', ['15'], 'Arica y Parinacota', 'Región de Arica y Parinacota', ['Arica', 'Arica-Parinacota', 'Arica Parinacota']],
  ['I', ['1'], 'Tarapacá', 'Región de Tarapacá', []],
  ['II', ['2'], 'Antofagasta', 'Región de Antofagasta', []],
  ['III', ['3'], 'Atacama', 'Región de Atacama', []],
  ['IV', ['4'], 'Coquimbo', 'Región de Coquimbo', []],
  ['V', ['5'], 'Valparaíso', 'Región de Valparaíso', []],
  ['RM', ['XIII', 'R.M.', '13'], 'Metropolitana', 'Región Metropolitana de Santiago', ['Metropolitana de Santiago', 'Región Metropolitana', 'Santiago']],
  ['VI', ['6'], "O'Higgins", "Región del Libertador General Bernardo O'Higgins", ["Libertador General Bernardo O'Higgins", "Libertador Bernardo O'Higgins", 'Ohiggins', "Libertador B. O'Higgins", "Lib. Gral. Bernardo O'Higgins"]],
  ['VII', ['7'], 'Maule', 'Región del Maule', []],
  ['XVI', ['16'], 'Ñuble', 'Región de Ñuble', []],
  ['VIII', ['8'], 'Biobío', 'Región del Biobío', ['Bio-Bio', 'Bío Bío', 'Bio Bio', 'Biobio']],
  ['IX', ['9'], 'La Araucanía', 'Región de La Araucanía', ['Araucanía']],
  ['XIV', ['14'], 'Los Ríos', 'Región de Los Ríos', []],
  ['X', ['10'], 'Los Lagos', 'Región de Los Lagos', []],
  ['XI', ['11'], 'Aysén', 'Región de Aysén del General Carlos Ibáñez del Campo', ['Aysén del General Carlos Ibáñez del Campo', 'Aisén', 'Aysen del Gral. Carlos Ibáñez del Campo']],
  ['XII', ['12'], 'Magallanes', 'Región de Magallanes y de la Antártica Chilena', ['Magallanes y de la Antártica Chilena', 'Magallanes y Antártica Chilena']],
];

export const REGIONES: Region[] = REGIONES_TABLA.map(([numero, , nombre, nombreOficial], orden) => ({ numero, nombre, nombreOficial, orden: orden + 1 }));

/** Words a name may carry before or after the region's own name. */
const PREFIJOS = new Set(['gobierno', 'regional', 'gore', 'region', 'de', 'del', 'la', 'gob', 'reg']);

/** Words that join the parts of a name: files write them or not (`Magallanes y la Antártica`). */
const CONECTORES = new Set(['de', 'del', 'la', 'el', 'y']);

/** Abbreviations and variants of a word of a region's name, as files write them. */
const VARIANTES: Record<string, string> = {
  gral: 'general',
  gen: 'general',
  lib: 'libertador',
  b: 'bernardo',
  metropolitano: 'metropolitana',
  stgo: 'santiago',
};

/**
 * `Región del Biobío (VIII)` → `biobio viii`: without the words every region shares nor the
 * connectors between a name's words, abbreviations written out, Arabic numbers without zeros.
 */
function clave(text: string): string[] {
  const words = normalizeWords(text.replace(/['’´`]/g, '')).split(' ').filter(Boolean);
  while (words.length > 1 && PREFIJOS.has(words[0])) words.shift();
  // `La Araucanía` is `Araucanía`; `Los Ríos` keeps its article.
  return words
    .filter((w) => !CONECTORES.has(w))
    .map((w) => (/^\d{1,3}$/.test(w) ? String(Number(w)) : (VARIANTES[w] ?? w)));
}

const POR_NOMBRE = new Map<string, Region>();
const POR_NUMERO = new Map<string, Region>();
REGIONES_TABLA.forEach(([numero, otros, nombre, oficial, grafias], i) => {
  const region = REGIONES[i];
  for (const n of [numero, ...otros]) POR_NUMERO.set(n.toLowerCase().replace(/\./g, ''), region);
  for (const g of [nombre, oficial, ...grafias]) POR_NOMBRE.set(clave(g).join(''), region);
});

/**
 * The region a file names, however it spells it: official or short name, with or without
 * accents, `Región de …`, `Gobierno Regional de …`, `GORE …`, or its Roman or Arabic number
 * (`VIII`, `RM`, `XIII`, `8`, `Región 14`); a number beside the name (`Biobío (VIII)`) must
 * agree with it. `null` when unknown.
 */
export function reconcileRegion(text: string): Region | null {
  const words = clave(text);
  if (words.length === 0) return null;
  const joined = words.join('');
  const byName = POR_NOMBRE.get(joined);
  if (byName) return byName;
  if (words.length <= 2 && POR_NUMERO.has(joined)) return POR_NUMERO.get(joined)!;
  // A numeral before or after the name (`XV Región`, `Biobío (VIII)`): both must name the same region.
  for (const [numero, resto] of [[words[0], words.slice(1)], [words[words.length - 1], words.slice(0, -1)]] as const) {
    const porNumero = POR_NUMERO.get(numero);
    if (!porNumero || resto.length === 0) continue;
    const nombre = resto.filter((w, i) => !(PREFIJOS.has(w) && resto.slice(0, i + 1).every((x) => PREFIJOS.has(x))));
    if (nombre.length === 0) return porNumero;
    const porNombre = POR_NOMBRE.get(nombre.join(''));
    if (porNombre) return porNombre === porNumero ? porNombre : null;
  }
  return null;
}
