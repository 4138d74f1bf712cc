import type { Issue } from '../core/report.js';
import { PorServicio } from '../core/por-servicio.js';
import type { CsvRenderOptions } from '../render/csv.js';
import { CsvStreamWriter } from '../render/csv-stream.js';
import { ascii, BytesJson, TextoBytesRecordado } from '../render/json-bytes.js';
import { JsonStreamWriter } from '../render/json-stream.js';
import type { Columna, Resultado, Tabla, Valor } from '../render/model.js';
import {
  computeValor,
  cumplimientosDe,
  filasDeValores,
  type ConfigCumplimiento,
  type CumplimientoAnual,
  ServicioEnCurso,
  type ServicioCumplimiento,
} from './calcular.js';
import { computeResumen, type IndicadorResumido, type ResumenServicio } from './resumen.js';
import { TIPOS, type Indicador, type LibroIndicadores, type TipoMedicion } from './schema.js';
import { AMBITO_NOMBRE, DIMENSION_NOMBRE } from './vocabulario.js';

const TIPO_NOMBRE = { efectivo: 'Efectivo', estimado: 'Estimado', meta: 'Meta' } as const;
const ESTADO_NOMBRE = { cumple: 'cumple', 'no-cumple': 'no cumple', sobrecumplimiento: 'sobrecumplimiento' } as const;

const unidadDe = (i: Indicador) => i.unidad ?? (i.factor === 100 ? '%' : i.factor === 1 ? 'número' : `×${i.factor}`);
const sinServicio = (s: string | null) => s ?? '(sin servicio)';

export const COLUMNAS_VALORES: Columna[] = [
  { clave: 'servicio', titulo: 'Servicio', tipo: 'texto' },
  { clave: 'indicador', titulo: 'Indicador', tipo: 'texto' },
  { clave: 'anio', titulo: 'Año', tipo: 'texto' },
  { clave: 'tipo', titulo: 'Tipo', tipo: 'texto' },
  { clave: 'numerador', titulo: 'Numerador', tipo: 'numero', decimales: 2 },
  { clave: 'denominador', titulo: 'Denominador', tipo: 'numero', decimales: 2 },
  { clave: 'factor', titulo: 'Factor', tipo: 'numero', decimales: 0 },
  { clave: 'valor', titulo: 'Valor', tipo: 'numero', decimales: 1, formula: '{numerador}/{denominador}*{factor}' },
  { clave: 'declarado', titulo: 'Declarado', tipo: 'numero', decimales: 2 },
  { clave: 'unidad', titulo: 'Unidad', tipo: 'texto' },
];

export function columnasCumplimiento(cfg: ConfigCumplimiento): Columna[] {
  return [
    { clave: 'servicio', titulo: 'Servicio', tipo: 'texto' },
    { clave: 'indicador', titulo: 'Indicador', tipo: 'texto' },
    { clave: 'anio', titulo: 'Año', tipo: 'texto' },
    { clave: 'sentido', titulo: 'Sentido', tipo: 'texto' },
    { clave: 'efectivo', titulo: 'Efectivo', tipo: 'numero', decimales: 1 },
    { clave: 'meta', titulo: 'Meta', tipo: 'numero', decimales: 1 },
    { clave: 'cumplimiento', titulo: 'Cumplimiento', tipo: 'porcentaje', decimales: 1, estilo: 'cumplimiento', umbral: cfg.umbral, sobrecumplimiento: cfg.sobrecumplimiento > 0 ? cfg.sobrecumplimiento : null },
    { clave: 'estado', titulo: 'Estado', tipo: 'texto' },
    { clave: 'ponderacion', titulo: 'Ponderación', tipo: 'porcentaje', decimales: 1 },
  ];
}

export const COLUMNAS_SERVICIOS: Columna[] = [
  { clave: 'servicio', titulo: 'Servicio', tipo: 'texto' },
  { clave: 'anio', titulo: 'Año evaluado', tipo: 'texto' },
  { clave: 'indicadores', titulo: 'Indicadores', tipo: 'entero' },
  { clave: 'cumplen', titulo: 'Cumplen', tipo: 'entero' },
  { clave: 'noCumplen', titulo: 'No cumplen', tipo: 'entero' },
  { clave: 'sinMedicion', titulo: 'Sin medición', tipo: 'entero' },
  { clave: 'ponderacionTotal', titulo: 'Comprometido', tipo: 'porcentaje', decimales: 2 },
  { clave: 'cumplimientoInstitucional', titulo: 'Obtenido', tipo: 'porcentaje', decimales: 2, estilo: 'cumplimiento', umbral: 90, sobrecumplimiento: null },
  { clave: 'incentivo', titulo: 'Incentivo', tipo: 'porcentaje', decimales: 1 },
];

/** The `valores` rows of one indicator: one per year and kind. */
export function filasValores(ind: Indicador): Record<string, Valor>[] {
  return filasDeValores(ind).map((f) => ({
    servicio: sinServicio(ind.servicio),
    indicador: ind.nombre,
    anio: String(f.medicion.anio),
    tipo: f.medicion.noAplica ? `${TIPO_NOMBRE[f.medicion.tipo]} (no aplica)` : TIPO_NOMBRE[f.medicion.tipo],
    numerador: f.medicion.numerador?.value ?? null,
    denominador: f.medicion.denominador?.value ?? null,
    factor: ind.factor,
    valor: f.valor,
    declarado: f.declarado?.value ?? null,
    unidad: unidadDe(ind),
  }));
}

/** The `cumplimiento` rows of one indicator: one per year with meta and efectivo. */
export function filasCumplimiento(ind: Indicador, cumplimientos: CumplimientoAnual[]): Record<string, Valor>[] {
  return cumplimientos.map((c) => ({
    servicio: sinServicio(ind.servicio),
    indicador: ind.nombre,
    anio: String(c.anio),
    sentido: ind.sentido,
    efectivo: c.efectivo,
    meta: c.meta,
    cumplimiento: c.cumplimiento,
    estado: c.estado ? ESTADO_NOMBRE[c.estado] : 'sin cálculo',
    ponderacion: ind.ponderacion,
  }));
}

export function filaServicio(s: ServicioCumplimiento): Record<string, Valor> {
  return { ...s, servicio: sinServicio(s.servicio), anio: s.anio == null ? '' : String(s.anio) };
}

const K = {
  servicio: ascii('{"servicio":'),
  producto: ascii(',"producto":'),
  nombre: ascii(',"nombre":'),
  dimension: ascii(',"dimension":'),
  ambito: ascii(',"ambito":'),
  formula: ascii(',"formula":'),
  sentido: ascii(',"sentido":'),
  unidad: ascii(',"unidad":'),
  factor: ascii(',"factor":'),
  ponderacion: ascii(',"ponderacion":'),
  supuestos: ascii(',"supuestos":'),
  notas: ascii(',"notas":'),
  mediosVerificacion: ascii(',"mediosVerificacion":'),
  celda: ascii(',"celda":'),
  valores: ascii(',"valores":['),
  anio: ascii('{"anio":'),
  masAnio: ascii(',{"anio":'),
  /** `,"tipo":"…","numerador":` of each tipo, in one piece. */
  tipoNumerador: Object.fromEntries(TIPOS.map((t) => [t, ascii(`,"tipo":${JSON.stringify(t)},"numerador":`)])) as Record<TipoMedicion, Buffer>,
  /** `,"noAplica":…}`, in one piece. */
  noAplicaSi: ascii(',"noAplica":true}'),
  noAplicaNo: ascii(',"noAplica":false}'),
  denominador: ascii(',"denominador":'),
  valor: ascii(',"valor":'),
  declarado: ascii(',"declarado":'),
  cumplimiento: ascii('],"cumplimiento":['),
  efectivo: ascii(',"efectivo":'),
  meta: ascii(',"meta":'),
  cumplimientoAnio: ascii(',"cumplimiento":'),
  estado: ascii(',"estado":'),
  cierreItem: ascii('}'),
  cierre: ascii(']}'),
};
/** The JSON of each text of a closed vocabulary (dimensión, ámbito, sentido, estado), encoded once. */
const VOCABULARIO = new Map<string, Buffer>();
function deVocabulario(s: string): Buffer {
  let b = VOCABULARIO.get(s);
  if (b === undefined) {
    b = Buffer.from(JSON.stringify(s), 'utf8');
    VOCABULARIO.set(s, b);
  }
  return b;
}

/**
 * One indicator of the JSON document of `calcular`, written as UTF-8 bytes: its fields, its
 * valores per year and kind (valor = numerador / denominador × factor) and its cumplimiento per
 * year, numbers rounded for output, no NaN. Written byte by byte (BytesJson) and not as an object
 * handed to JSON.stringify, nor as a string then encoded: a 200 000-row file's document is 260 MB.
 * The texts that repeat row after row are encoded once while they repeat. A test holds it to
 * JSON.stringify of the same fields.
 */
export class IndicadorJson {
  private readonly w = new BytesJson();
  private readonly servicio = new TextoBytesRecordado();
  private readonly producto = new TextoBytesRecordado();
  private readonly formula = new TextoBytesRecordado();
  private readonly unidad = new TextoBytesRecordado();

  /** The indicator's JSON: a view valid until the next call. */
  bytes(ind: Indicador, cumplimientos: CumplimientoAnual[]): Buffer {
    const w = this.w;
    w.empezar();
    w.lit(K.servicio);
    w.lit(this.servicio.of(ind.servicio));
    w.lit(K.producto);
    w.lit(this.producto.of(ind.producto));
    w.lit(K.nombre);
    w.texto(ind.nombre);
    w.lit(K.dimension);
    vocabulario(w, ind.dimension);
    w.lit(K.ambito);
    vocabulario(w, ind.ambito);
    w.lit(K.formula);
    w.lit(this.formula.of(ind.formula));
    w.lit(K.sentido);
    vocabulario(w, ind.sentido);
    w.lit(K.unidad);
    w.lit(this.unidad.of(unidadDe(ind)));
    w.lit(K.factor);
    w.crudo(ind.factor);
    w.lit(K.ponderacion);
    w.numero(ind.ponderacion);
    w.lit(K.supuestos);
    w.texto(ind.supuestos);
    w.lit(K.notas);
    w.texto(ind.notas);
    w.lit(K.mediosVerificacion);
    w.texto(ind.mediosVerificacion);
    w.lit(K.celda);
    w.texto(celdaTexto(ind.celda));
    w.lit(K.valores);
    const ms = ind.mediciones;
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k];
      const num = m.numerador?.value ?? null;
      const den = m.denominador?.value ?? null;
      w.lit(k === 0 ? K.anio : K.masAnio);
      w.crudo(m.anio);
      w.lit(K.tipoNumerador[m.tipo]);
      w.numero(num);
      w.lit(K.denominador);
      w.numero(den);
      w.lit(K.valor);
      w.numero(computeValor(num, den, ind.factor));
      w.lit(K.declarado);
      w.numero(m.declarado?.value);
      w.lit(m.noAplica ? K.noAplicaSi : K.noAplicaNo);
    }
    w.lit(K.cumplimiento);
    for (let k = 0; k < cumplimientos.length; k++) {
      const c = cumplimientos[k];
      w.lit(k === 0 ? K.anio : K.masAnio);
      w.crudo(c.anio);
      w.lit(K.efectivo);
      w.numero(c.efectivo);
      w.lit(K.meta);
      w.numero(c.meta);
      w.lit(K.cumplimientoAnio);
      w.numero(c.cumplimiento);
      w.lit(K.estado);
      vocabulario(w, c.estado);
      w.lit(K.cierreItem);
    }
    w.lit(K.cierre);
    return w.bytes();
  }
}

function vocabulario(w: BytesJson, s: string | null): void {
  if (s === null) w.texto(null);
  else w.lit(deVocabulario(s));
}

/** Per servicio, its institutional compliance gathered as indicators go by (a few numbers per year, not the indicators). */
export class AcumuladorServicios {
  private readonly porServicio = new PorServicio((servicio) => new ServicioEnCurso(servicio));
  add(ind: Indicador, cumplimientos: CumplimientoAnual[]): void {
    this.porServicio.de(ind.servicio).add({ ponderacion: ind.ponderacion, cumplimientos });
  }
  result(anio?: number): ServicioCumplimiento[] {
    return [...this.porServicio.values()].map((s) => s.result(anio));
  }
}

export const TABLAS_CALCULAR = ['valores', 'cumplimiento', 'servicios'] as const;
export type TablaCalcular = (typeof TABLAS_CALCULAR)[number];

/**
 * `calcular` as JSON or CSV written while the file is read: each indicator's piece goes out
 * as soon as it is computed, and only the servicio summaries are kept to the end.
 */
export class SalidaCalcular {
  private readonly servicios = new AcumuladorServicios();
  private readonly indicadorJson = new IndicadorJson();
  private readonly json: JsonStreamWriter | null = null;
  private readonly csv: CsvStreamWriter | null = null;
  constructor(
    private readonly formato: 'json' | 'csv',
    private readonly opts: { archivo: string; cfg: ConfigCumplimiento; anio?: number; tabla: TablaCalcular; csv: CsvRenderOptions },
    /** Text, or bytes already UTF-8 (the JSON's indicators). */
    private readonly write: (s: string | Uint8Array) => void,
  ) {
    if (formato === 'json') {
      this.json = new JsonStreamWriter(write, 'indicadores calcular');
      this.json.field('archivo', opts.archivo);
      this.json.field('configuracion', opts.cfg);
      this.json.beginArray('indicadores');
    } else if (opts.tabla !== 'servicios') {
      this.csv = new CsvStreamWriter(write, opts.tabla === 'valores' ? COLUMNAS_VALORES : columnasCumplimiento(opts.cfg), opts.csv);
    }
  }

  /** One indicator; its cumplimientos when already computed (with the same configuration). */
  add(ind: Indicador, cumplimientos: CumplimientoAnual[] = cumplimientosDe(ind, this.opts.cfg)): void {
    this.servicios.add(ind, cumplimientos);
    if (this.json) this.json.itemBytes(this.indicadorJson.bytes(ind, cumplimientos));
    else if (this.csv) {
      const rows = this.opts.tabla === 'valores' ? filasValores(ind) : filasCumplimiento(ind, cumplimientos);
      for (const r of rows) this.csv.row(r);
    }
  }

  finish(meta: { hojas: string[]; layout: string; advertencias: Issue[] }): void {
    const servicios = this.servicios.result(this.opts.anio);
    if (this.json) {
      this.json.endArray();
      this.json.field('hojas', meta.hojas);
      this.json.field('layout', meta.layout);
      this.json.array('servicios', servicios);
      this.json.array('advertencias', meta.advertencias);
      this.json.end();
    } else if (this.csv) this.csv.end();
    else {
      const w = new CsvStreamWriter(this.write, COLUMNAS_SERVICIOS, this.opts.csv);
      for (const s of servicios) w.row(filaServicio(s));
      w.end();
    }
  }
}

/** `pbr indicadores calcular` as tables (tabla, markdown, xlsx): values, cumplimiento, servicios. */
export function calcularResultado(libro: LibroIndicadores, cfg: ConfigCumplimiento, advertencias: Issue[], anio?: number): Resultado {
  const acumulador = new AcumuladorServicios();
  const valores: Record<string, Valor>[] = [];
  const cumplimiento: Record<string, Valor>[] = [];
  for (const ind of libro.indicadores) {
    const cs = cumplimientosDe(ind, cfg);
    acumulador.add(ind, cs);
    valores.push(...filasValores(ind));
    cumplimiento.push(...filasCumplimiento(ind, cs));
  }
  const servicios = acumulador.result(anio);
  const tablaCumplimiento: Tabla = {
    nombre: 'cumplimiento',
    titulo: `Cumplimiento de metas (cumple desde ${cfg.umbral}%${cfg.sobrecumplimiento > 0 ? `, sobrecumplimiento sobre ${cfg.sobrecumplimiento}%` : ''})`,
    columnas: columnasCumplimiento(cfg),
    filas: cumplimiento,
  };
  if (cumplimiento.length === 0) tablaCumplimiento.notas = ['Ningún año tiene a la vez meta y efectivo: no hay cumplimiento que calcular.'];
  return {
    comando: 'indicadores calcular',
    archivos: [libro.archivo],
    tablas: [
      { nombre: 'valores', titulo: `Valores por indicador y año — ${libro.archivo}`, columnas: COLUMNAS_VALORES, filas: valores },
      tablaCumplimiento,
      { nombre: 'servicios', titulo: 'Cumplimiento institucional por servicio (PMG, Ley 19.553)', columnas: COLUMNAS_SERVICIOS, filas: servicios.map(filaServicio), notas: notasServicios(servicios) },
    ],
    json: { archivo: libro.archivo, configuracion: cfg, hojas: libro.hojas, layout: libro.layout, servicios, advertencias },
  };
}

export function notasServicios(servicios: ServicioCumplimiento[]): string[] {
  const out: string[] = [];
  for (const s of servicios) {
    if (s.anio == null) out.push(`${sinServicio(s.servicio)}: sin año con meta y efectivo; no se calcula el cumplimiento institucional.`);
    else if (s.ponderacionTotal == null) out.push(`${sinServicio(s.servicio)}: los indicadores no tienen ponderación; no se calcula el cumplimiento institucional.`);
    if (s.sinMedicion > 0 && s.anio != null) out.push(`${sinServicio(s.servicio)}: ${s.sinMedicion} indicador(es) sin meta o efectivo ${s.anio} cuentan como no cumplidos.`);
  }
  out.push('Incentivo: 7,6% de las remuneraciones con cumplimiento ≥ 90%; 3,8% entre 75% y 90%; 0 bajo 75%.');
  return out;
}

function celdaTexto(c: Indicador['celda']): string {
  return c.sheet ? `${c.sheet}!${c.address}` : c.address;
}

/** `pbr indicadores resumen`: the seed's Antofagasta table per servicio. */
export function resumenResultado(libro: Omit<LibroIndicadores, 'indicadores'> & { indicadores: IndicadorResumido[] }): Resultado {
  const resumenes = computeResumen(libro.indicadores, libro.productos);
  return {
    comando: 'indicadores resumen',
    archivos: [libro.archivo],
    tablas: resumenes.map((r, k) => tablaResumen(r, k, resumenes.length)),
    json: {
      archivo: libro.archivo,
      servicios: resumenes.map((r) => ({
        servicio: r.servicio,
        productos: r.filas,
        total: r.total,
        participacion: r.participacion,
      })),
      dimensiones: Object.fromEntries(
        Object.entries(DIMENSION_NOMBRE).map(([k, n]) => [n, libro.indicadores.filter((i) => i.dimension === k).length]),
      ),
      ambitos: Object.fromEntries(Object.entries(AMBITO_NOMBRE).map(([k, n]) => [n, libro.indicadores.filter((i) => i.ambito === k).length])),
    },
  };
}

function tablaResumen(r: ResumenServicio, k: number, n: number): Tabla {
  const sinAmbito = r.total.sinAmbito > 0;
  return {
    nombre: n === 1 ? 'resumen' : `resumen-${k + 1}`,
    titulo: `${r.servicio ?? 'Indicadores'}: indicadores de desempeño por producto estratégico (número de indicadores por ámbito de control)`,
    columnas: [
      { clave: 'numero', titulo: 'N°', tipo: 'texto' },
      { clave: 'nombre', titulo: 'Producto Estratégico', tipo: 'texto' },
      { clave: 'total', titulo: 'Total', tipo: 'entero' },
      { clave: 'resultado', titulo: 'Resultado', tipo: 'entero' },
      { clave: 'producto', titulo: 'Producto', tipo: 'entero' },
      { clave: 'proceso', titulo: 'Proceso', tipo: 'entero' },
      ...(sinAmbito ? [{ clave: 'sinAmbito', titulo: 'Sin ámbito', tipo: 'entero' as const }] : []),
    ],
    filas: r.filas.map((f) => ({ ...f, numero: String(f.numero) })),
    totales: [
      { numero: '', nombre: 'Total Indicadores', ...r.total },
      { numero: '', nombre: 'Participación sobre Total Indicadores (%)', ...r.participacion },
    ],
  };
}
