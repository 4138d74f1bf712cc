/**
 * The Modelo de Gestión de Calidad de los GORE, as data: one table (DOMAIN.md §2).
 * A workbook may bring its own model sheet (see leer-modelo.ts), which replaces this one.
 */

export interface Subcriterio {
  /** `1.1` */
  codigo: string;
  nombre: string;
  maximo: number;
  /** N° de elementos de gestión, coded `1.1.a`, `1.1.b`, … */
  elementos: number;
}

export interface Criterio {
  /** `1` … `8` */
  codigo: string;
  nombre: string;
  maximo: number;
  subcriterios: Subcriterio[];
}

export interface Modelo {
  nombre: string;
  /** Where the model comes from: `integrado` or `archivo.xlsx, hoja Modelo`. */
  origen: string;
  maximo: number;
  criterios: Criterio[];
}

/** [código, nombre, máximo, n° de elementos]: criterio rows have no dot in the code. */
type Fila = [string, string, number, number?];

/** The built-in model: 8 criterios, 30 subcriterios, 133 elementos, 500 puntos. */
const MODELO_2013: Fila[] = [
  ['1', 'Liderazgo', 45],
  ['1.1', 'Liderazgo interno de alta dirección', 15, 9],
  ['1.2', 'Liderazgo regional y gestión de alianzas y colaboradores', 15, 5],
  ['1.3', 'Gestión de la transparencia, rendición de cuentas y supervisión', 15, 5],
  ['2', 'Ciudadanía, Socios y Colaboradores', 40],
  ['2.1', 'Participación ciudadana, socios y colaboradores', 20, 6],
  ['2.2', 'Identidad e imagen de marca del GORE', 20, 3],
  ['3', 'Personas', 60],
  ['3.1', 'Gestión del personal', 12, 5],
  ['3.2', 'Desempeño, compensación y reconocimiento', 12, 3],
  ['3.3', 'Capacitación y desarrollo', 12, 5],
  ['3.4', 'Participación del personal en la gestión de calidad', 12, 5],
  ['3.5', 'Calidad de vida y prevención de riesgos', 12, 4],
  ['4', 'Planificación Estratégica Regional', 75],
  ['4.1', 'Estrategia regional de desarrollo', 18.75, 4],
  ['4.2', 'Planificación y ordenamiento territorial', 18.75, 5],
  ['4.3', 'Políticas públicas, planes y programas', 18.75, 7],
  ['4.4', 'Información regional', 18.75, 4],
  ['5', 'Gestión de Inversiones y Desarrollo Regional', 90],
  ['5.1', 'Gestión de inversiones', 22.5, 9],
  ['5.2', 'Desarrollo social y cultural', 22.5, 4],
  ['5.3', 'Desarrollo económico y fomento productivo', 22.5, 4],
  ['5.4', 'Cooperación internacional', 22.5, 4],
  ['6', 'Gestión de Recursos', 50],
  ['6.1', 'Tecnologías de información', 12.5, 3],
  ['6.2', 'Gestión financiero-contable', 12.5, 4],
  ['6.3', 'Bienes y servicios', 12.5, 2],
  ['6.4', 'Proveedores y asociados', 12.5, 5],
  ['7', 'Planificación Institucional, Información y Conocimiento', 40],
  ['7.1', 'Planificación institucional y control de gestión', 13.4, 6],
  ['7.2', 'Evaluación de la gestión', 13.3, 7],
  ['7.3', 'Gestión del conocimiento', 13.3, 3],
  ['8', 'Resultados', 100],
  ['8.1', 'Satisfacción de la ciudadanía y socios', 20, 3],
  ['8.2', 'Desempeño financiero y de impacto', 20, 2],
  ['8.3', 'Efectividad organizacional', 20, 2],
  ['8.4', 'Satisfacción del personal', 20, 3],
  ['8.5', 'Calidad de proveedores', 20, 2],
];

/** Builds a model from rows shaped like the table above (criterio rows first, then theirs). */
export function modeloDesdeFilas(filas: Fila[], origen: string, maximo?: number): Modelo {
  const criterios: Criterio[] = [];
  for (const [codigo, nombre, max, n] of filas) {
    if (!codigo.includes('.')) criterios.push({ codigo, nombre, maximo: max, subcriterios: [] });
    else criterios[criterios.length - 1].subcriterios.push({ codigo, nombre, maximo: max, elementos: n ?? 0 });
  }
  return { nombre: 'Modelo de Gestión de Calidad', origen, maximo: maximo ?? sum(criterios.map((c) => c.maximo)), criterios };
}

export const MODELO_INTEGRADO: Modelo = modeloDesdeFilas(MODELO_2013, 'integrado', 500);

/** `1.1` with 3 elementos → `1.1.a`, `1.1.b`, `1.1.c`. */
export function codigosElementos(sub: Subcriterio): string[] {
  return Array.from({ length: sub.elementos }, (_, i) => `${sub.codigo}.${letra(i)}`);
}

/** 0 → a, 25 → z, 26 → aa. */
function letra(i: number): string {
  return i < 26 ? String.fromCharCode(97 + i) : letra(Math.floor(i / 26) - 1) + letra(i % 26);
}

export function totalElementos(m: Modelo): number {
  return sum(m.criterios.flatMap((c) => c.subcriterios.map((s) => s.elementos)));
}

export function totalSubcriterios(m: Modelo): number {
  return sum(m.criterios.map((c) => c.subcriterios.length));
}

/** True when every criterio has subcriterios with elementos: element scores can be scored. */
export function modeloTieneElementos(m: Modelo): boolean {
  return m.criterios.every((c) => c.subcriterios.length > 0 && c.subcriterios.every((s) => s.elementos > 0));
}

export function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Two maxima are the same to a hundredth of a point (13,4 + 13,3 + 13,3 is 40 in floating point too). */
export function mismoPuntaje(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}
