import { cleanText } from '../core/text.js';
import { cellText, type Cell } from '../io/cell.js';
import { celdaDe, leerNumero, type LecturaContext } from './celdas.js';
import type { CampoTexto, ParteAnual } from './encabezados.js';
import type { Indicador, Medicion, NumeroLeido, TipoMedicion } from './schema.js';
import {
  factorDeUnidad,
  parseAmbito,
  parseDimension,
  parseDimensionAmbito,
  parseSentido,
  type Ambito,
  type Dimension,
} from './vocabulario.js';

/** What a sheet says once for all its indicators: title rows and section rows. */
export interface Defaults {
  servicio: string | null;
  producto: string | null;
  dimensionAmbito: { text: string; cell: Cell } | null;
}

export interface CeldaAnual {
  anio: number;
  tipo: TipoMedicion;
  parte: ParteAnual;
  cell: Cell | undefined;
}

export interface FilaIndicador {
  nombre: Cell;
  campos: Partial<Record<CampoTexto, Cell>>;
  anuales: CeldaAnual[];
  extras?: Record<string, string>;
}

const text = (c: Cell | undefined) => (c ? cleanText(cellText(c)) : '');

/** Turns the cells of one indicator into its typed record, reporting every cell that is wrong. */
export function construirIndicador(fila: FilaIndicador, defaults: Defaults, ctx: LecturaContext): Indicador {
  const { campos } = fila;
  const c = ctx.collector;
  let dimension: Dimension | null = null;
  let ambito: Ambito | null = null;
  const readDimension = (t: string, cell: Cell) => {
    if (!t) return;
    dimension = parseDimension(t);
    if (!dimension) c.error('dimension-desconocida', `Dimensión «${t}» desconocida; se esperaba Eficacia, Eficiencia, Economía o Calidad.`, cell, t);
  };
  const readAmbito = (t: string, cell: Cell) => {
    if (!t) return;
    ambito = parseAmbito(t);
    if (!ambito) c.error('ambito-desconocido', `Ámbito de control «${t}» desconocido; se esperaba Proceso, Producto, Resultado Intermedio o Resultado Final.`, cell, t);
  };
  const da = campos.dimensionAmbito ? { text: text(campos.dimensionAmbito), cell: campos.dimensionAmbito } : defaults.dimensionAmbito;
  if (da && da.text) {
    const parts = parseDimensionAmbito(da.text);
    if (parts) {
      readDimension(parts.dimension, da.cell);
      readAmbito(parts.ambito, da.cell);
    } else {
      c.error('dimension-desconocida', `«${da.text}» no tiene la forma Dimensión/Ámbito (por ejemplo Calidad/Producto).`, da.cell, da.text);
    }
  }
  if (campos.dimension) readDimension(text(campos.dimension), campos.dimension);
  if (campos.ambito) readAmbito(text(campos.ambito), campos.ambito);

  let sentido: 'ascendente' | 'descendente' = 'ascendente';
  const sentidoText = text(campos.sentido);
  if (sentidoText) {
    const s = parseSentido(sentidoText);
    if (s) sentido = s;
    else c.error('sentido-desconocido', `Sentido «${sentidoText}» desconocido; se esperaba Ascendente o Descendente.`, campos.sentido, sentidoText);
  }

  const mediciones = leerMediciones(fila.anuales, ctx, parseNoAplica(text(campos.noAplica)));
  const formula = text(campos.formula) || null;
  const unidad = text(campos.unidad) || null;
  const factor = resolverFactor(campos.factor, unidad, formula, text(fila.nombre), mediciones, ctx);

  let ponderacion: number | null = null;
  if (campos.ponderacion) {
    const p = leerNumero(campos.ponderacion, ctx, 'Ponderación', false);
    if (p.kind === 'numero') ponderacion = p.numero.value;
  }

  return {
    servicio: text(campos.servicio) || defaults.servicio,
    producto: text(campos.producto) || defaults.producto,
    nombre: text(fila.nombre),
    dimension,
    ambito,
    formula,
    unidad,
    factor,
    sentido,
    ponderacion,
    celdaPonderacion: campos.ponderacion ? celdaDe(campos.ponderacion) : null,
    mediciones,
    supuestos: text(campos.supuestos) || null,
    notas: text(campos.notas) || null,
    mediosVerificacion: text(campos.medios) || null,
    extras: { ...(fila.extras ?? {}) },
    celda: celdaDe(fila.nombre),
  };
}

const NINGUN_ANIO: ReadonlySet<number> = new Set();

function parseNoAplica(t: string): ReadonlySet<number> {
  return t === '' ? NINGUN_ANIO : new Set((t.match(/\d{4}/g) ?? []).map(Number));
}

const porAnioYTipo = (x: Medicion, y: Medicion) => x.anio - y.anio || order(x.tipo) - order(y.tipo);

/** Groups the year cells by year and kind into mediciones, by year (then efectivo, estimado, meta). */
function leerMediciones(anuales: CeldaAnual[], ctx: LecturaContext, noAplica: ReadonlySet<number>): Medicion[] {
  // A handful per row, and a year's parts side by side: looked for from the last one made.
  const lista: Medicion[] = [];
  const get = (anio: number, tipo: TipoMedicion) => {
    for (let i = lista.length - 1; i >= 0; i--) if (lista[i].anio === anio && lista[i].tipo === tipo) return lista[i];
    const m: Medicion = { anio, tipo, numerador: null, denominador: null, declarado: null, noAplica: noAplica.has(anio), ilegible: false };
    lista.push(m);
    return m;
  };
  for (const a of anuales) {
    if (!a.cell) continue;
    const r = leerNumero(a.cell, ctx, a);
    if (r.kind === 'vacio') continue;
    const m = get(a.anio, a.tipo);
    if (r.kind === 'invalido') m.ilegible = true;
    else if (r.kind === 'no-aplica') {
      m.noAplica = true;
    } else if (r.kind === 'fraccion') {
      m.numerador = r.numerador;
      m.denominador = r.denominador;
      if (r.declarado) m.declarado = r.declarado;
    } else if (a.parte === 'numerador') m.numerador = r.numero;
    else if (a.parte === 'denominador') m.denominador = r.numero;
    else m.declarado = r.numero;
  }
  // Columns usually come year after year: sorted only when they do not.
  for (let i = 1; i < lista.length; i++) {
    if (porAnioYTipo(lista[i - 1], lista[i]) > 0) return lista.sort(porAnioYTipo);
  }
  return lista;
}

const order = (t: TipoMedicion) => (t === 'efectivo' ? 0 : t === 'estimado' ? 1 : 2);

/**
 * valor = numerador / denominador × factor: the factor is the Factor column, else the unit
 * (`%` → 100), else `*100` in the fórmula, else 100 when values are written as percentages
 * or the name says "Porcentaje", else 1.
 */
function resolverFactor(
  factorCell: Cell | undefined,
  unidad: string | null,
  formula: string | null,
  nombre: string,
  mediciones: Medicion[],
  ctx: LecturaContext,
): number {
  if (factorCell) {
    const f = leerNumero(factorCell, ctx, 'Factor', false);
    if (f.kind === 'numero' && f.numero.value > 0) return f.numero.value;
  }
  const u = unidad ? factorDeUnidad(unidad) : null;
  if (u != null) return u;
  if (formula && /[*x×]\s*100\b/i.test(formula)) return 100;
  const stated: (NumeroLeido | null)[] = mediciones.map((m) => m.declarado);
  if (stated.some((s) => s?.percent)) return 100;
  if (/^(porcentaje|tasa|proporci[oó]n)/i.test(nombre)) return 100;
  return 1;
}
