import { normalizeKey } from '../core/text.js';
import type { TipoMedicion } from './schema.js';

export type CampoTexto =
  | 'servicio'
  | 'producto'
  | 'indicador'
  | 'dimension'
  | 'ambito'
  | 'dimensionAmbito'
  | 'formula'
  | 'unidad'
  | 'factor'
  | 'sentido'
  | 'ponderacion'
  | 'noAplica'
  | 'supuestos'
  | 'notas'
  | 'medios'
  | 'numero';

export type ParteAnual = 'valor' | 'numerador' | 'denominador';

export type Encabezado =
  | { kind: 'campo'; campo: CampoTexto }
  | { kind: 'anio'; anio: number; tipo: TipoMedicion; parte: ParteAnual };

/**
 * Header keys (see normalizeKey, then without `/`) of the descriptive columns. A combined header
 * names one field twice (`Servicio/Institución`) or two fields of one cell (`Dimensión/Ámbito`).
 */
const CAMPOS: Record<string, CampoTexto> = {
  servicio: 'servicio',
  institucion: 'servicio',
  servicioinstitucion: 'servicio',
  institucionservicio: 'servicio',
  gobiernoregional: 'servicio',
  gore: 'servicio',
  serviciogore: 'servicio',
  instituciongore: 'servicio',
  serviciogobiernoregional: 'servicio',
  instituciongobiernoregional: 'servicio',
  producto: 'producto',
  productoestrategico: 'producto',
  productoestrategicoalquesevincula: 'producto',
  productoestrategicoalqueserelaciona: 'producto',
  indicador: 'indicador',
  indicadores: 'indicador',
  nombreindicador: 'indicador',
  nombredelindicador: 'indicador',
  dimension: 'dimension',
  ambito: 'ambito',
  ambitodecontrol: 'ambito',
  dimensionambito: 'dimensionAmbito',
  dimensionambitodecontrol: 'dimensionAmbito',
  formula: 'formula',
  formuladecalculo: 'formula',
  unidad: 'unidad',
  unidaddemedida: 'unidad',
  factor: 'factor',
  sentido: 'sentido',
  ponderacion: 'ponderacion',
  ponderador: 'ponderacion',
  peso: 'ponderacion',
  noaplica: 'noAplica',
  anosnoaplica: 'noAplica',
  supuestos: 'supuestos',
  notas: 'notas',
  notastecnicas: 'notas',
  mediosdeverificacion: 'medios',
  mediodeverificacion: 'medios',
  n: 'numero',
  no: 'numero',
  nro: 'numero',
  numero: 'numero',
};

const TOKENS: [string, { tipo?: TipoMedicion; parte?: ParteAnual } | null][] = [
  ['denominador', { parte: 'denominador' }],
  ['numerador', { parte: 'numerador' }],
  ['efectivos', { tipo: 'efectivo' }],
  ['efectivo', { tipo: 'efectivo' }],
  ['estimacion', { tipo: 'estimado' }],
  ['estimado', { tipo: 'estimado' }],
  ['estimada', { tipo: 'estimado' }],
  ['metas', { tipo: 'meta' }],
  ['meta', { tipo: 'meta' }],
  ['real', { tipo: 'efectivo' }],
  ['valor', { parte: 'valor' }],
  ['resultado', { parte: 'valor' }],
  ['den', { parte: 'denominador' }],
  ['num', { parte: 'numerador' }],
  ['ano', null],
];

/**
 * Reads one header: a descriptive column, or a year column — a year plus an optional kind
 * (Efectivo/Estimado/Meta; none = Efectivo) plus an optional part (Numerador/Denominador;
 * none = the value): `2010`, `Efectivo 2010`, `Numerador 2010`, `2011 Estima do`, `Denominador Meta 2012`.
 */
export function parseEncabezado(text: string): Encabezado | null {
  const key = normalizeKey(text);
  if (key === '') return null;
  // `/` joins the parts of a combined header: `Servicio/Institución` is `servicioinstitucion`.
  const campo = CAMPOS[key.includes('/') ? key.replace(/\//g, '') : key];
  if (campo) return { kind: 'campo', campo };
  const years = key.match(/(?:19|20|21)\d{2}/g);
  if (!years || years.length !== 1) return null;
  const anio = Number(years[0]);
  let rest = key.replace(years[0], '').replace(/\//g, '');
  let tipo: TipoMedicion | undefined;
  let parte: ParteAnual | undefined;
  while (rest.length > 0) {
    const hit = TOKENS.find(([t]) => rest.startsWith(t));
    if (!hit) return null;
    const [token, meaning] = hit;
    if (meaning?.tipo) {
      if (tipo && tipo !== meaning.tipo) return null;
      tipo = meaning.tipo;
    }
    if (meaning?.parte) {
      if (parte && parte !== meaning.parte) return null;
      parte = meaning.parte;
    }
    rest = rest.slice(token.length);
  }
  return { kind: 'anio', anio, tipo: tipo ?? 'efectivo', parte: parte ?? 'valor' };
}

/** A header cell that only names a kind or part (`Numerador`, `Meta`): the second row of a two-row header. */
export function parseSubEncabezado(text: string): { tipo?: TipoMedicion; parte?: ParteAnual } | null {
  let rest = normalizeKey(text);
  if (rest === '') return null;
  const out: { tipo?: TipoMedicion; parte?: ParteAnual } = {};
  while (rest.length > 0) {
    const hit = TOKENS.find(([t]) => rest.startsWith(t));
    if (!hit || !hit[1]) return null;
    Object.assign(out, hit[1]);
    rest = rest.slice(hit[0].length);
  }
  return out;
}
