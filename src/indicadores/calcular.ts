import type { Indicador, Medicion, NumeroLeido, TipoMedicion } from './schema.js';
import type { Sentido } from './vocabulario.js';

export interface ConfigCumplimiento {
  /** An indicator cumple when cumplimiento ≥ umbral (%, DIPRES default 95). */
  umbral: number;
  /** Sobrecumplimiento when cumplimiento > this (%, default 130); `0` turns it off. */
  sobrecumplimiento: number;
}

export const CONFIG_DIPRES: ConfigCumplimiento = { umbral: 95, sobrecumplimiento: 130 };

/** valor = numerador / denominador × factor; `null` without both or with denominador 0. */
export function computeValor(numerador: number | null, denominador: number | null, factor: number): number | null {
  if (numerador == null || denominador == null || denominador === 0) return null;
  return (numerador / denominador) * factor;
}

/** The value of a medición: computed from its fraction when it has one, else the stated value. */
export function valorDeMedicion(m: Medicion | undefined, factor: number): number | null {
  if (!m) return null;
  return computeValor(m.numerador?.value ?? null, m.denominador?.value ?? null, factor) ?? m.declarado?.value ?? null;
}

/**
 * cumplimiento (%) of a year: ascendente efectivo / meta × 100; descendente meta / efectivo × 100.
 * `null` when the division is undefined. Rounded to 12 significant digits, so that a cumplimiento
 * that is 95 % on paper (19/24 against 5/6) is not 94,99999999999997 % in binary and a no cumple.
 */
export function computeCumplimiento(efectivo: number, meta: number, sentido: Sentido): number | null {
  const [num, den] = sentido === 'ascendente' ? [efectivo, meta] : [meta, efectivo];
  if (den === 0) return num === 0 ? 100 : null;
  return Number(((num / den) * 100).toPrecision(12));
}

export type Estado = 'cumple' | 'no-cumple' | 'sobrecumplimiento';

/**
 * cumple at cumplimiento ≥ umbral; sobrecumplimiento above its threshold (still a cumple, so
 * never below the umbral, whatever the two thresholds are).
 */
export function estadoDe(cumplimiento: number, cfg: ConfigCumplimiento): Estado {
  if (cumplimiento < cfg.umbral) return 'no-cumple';
  return cfg.sobrecumplimiento > 0 && cumplimiento > cfg.sobrecumplimiento ? 'sobrecumplimiento' : 'cumple';
}

/**
 * PMG incentive (Ley 19.553 art. 6) for an institutional compliance (%):
 * ≥ 90 → 7,6 % of remunerations; ≥ 75 → 3,8 %; below → 0.
 */
export function computeIncentivo(cumplimientoInstitucional: number): number {
  if (cumplimientoInstitucional >= 90) return 7.6;
  if (cumplimientoInstitucional >= 75) return 3.8;
  return 0;
}

export function medicion(ind: Indicador, anio: number, tipo: TipoMedicion): Medicion | undefined {
  return ind.mediciones.find((m) => m.anio === anio && m.tipo === tipo);
}

export interface CumplimientoAnual {
  anio: number;
  efectivo: number;
  meta: number;
  cumplimiento: number | null;
  estado: Estado | null;
}

/** Cumplimiento of every year that has both meta and efectivo. */
export function cumplimientosDe(ind: Indicador, cfg: ConfigCumplimiento): CumplimientoAnual[] {
  const out: CumplimientoAnual[] = [];
  for (const m of ind.mediciones) {
    if (m.tipo !== 'meta' || m.noAplica) continue;
    const meta = valorDeMedicion(m, ind.factor);
    const efectivo = valorDeMedicion(medicion(ind, m.anio, 'efectivo'), ind.factor);
    if (meta == null || efectivo == null) continue;
    const cumplimiento = computeCumplimiento(efectivo, meta, ind.sentido);
    out.push({ anio: m.anio, efectivo, meta, cumplimiento, estado: cumplimiento == null ? null : estadoDe(cumplimiento, cfg) });
  }
  return out;
}

export interface ServicioCumplimiento {
  servicio: string | null;
  /** The year evaluated: the latest with both meta and efectivo in the servicio, or `--anio`. */
  anio: number | null;
  indicadores: number;
  ponderacionTotal: number | null;
  /** Σ ponderación of the indicators that cumplen in `anio` (%); `null` without weights. */
  cumplimientoInstitucional: number | null;
  /** % of remunerations (7,6 / 3,8 / 0). */
  incentivo: number | null;
  cumplen: number;
  noCumplen: number;
  sinMedicion: number;
}

/** What the institutional compliance needs of one indicator: its weight and its cumplimientos. */
export interface EntradaServicio {
  ponderacion: number | null;
  cumplimientos: CumplimientoAnual[];
}

/**
 * cumplimiento institucional = Σ ponderación of the indicators that cumplen (all or nothing
 * per indicator); an indicator with no efectivo or meta in the year evaluated does not cumple.
 */
export function computeServicio(servicio: string | null, inds: Indicador[], cfg: ConfigCumplimiento, anio?: number): ServicioCumplimiento {
  return computeServicioDe(servicio, inds.map((i) => ({ ponderacion: i.ponderacion, cumplimientos: cumplimientosDe(i, cfg) })), anio);
}

export function computeServicioDe(servicio: string | null, entradas: EntradaServicio[], anio?: number): ServicioCumplimiento {
  const acc = new ServicioEnCurso(servicio);
  for (const e of entradas) acc.add(e);
  return acc.result(anio);
}

/** What one year of a servicio adds up to: the indicators that cumplen (and their weights) and those that do not. */
interface AnioServicio {
  cumplen: number;
  noCumplen: number;
  obtenido: number;
}

/**
 * A servicio's institutional compliance gathered one indicator at a time, in memory that does
 * not grow with the indicators: per year, how many cumplen and do not, and Σ ponderación of
 * those that cumplen (summed in the order read, as the whole list would be).
 */
export class ServicioEnCurso {
  private indicadores = 0;
  private weighted = false;
  private ponderacionTotal = 0;
  private readonly porAnio = new Map<number, AnioServicio>();
  constructor(readonly servicio: string | null) {}

  add(e: EntradaServicio): void {
    this.indicadores++;
    if (e.ponderacion != null) {
      this.weighted = true;
      this.ponderacionTotal += e.ponderacion;
    }
    for (let k = 0; k < e.cumplimientos.length; k++) {
      const c = e.cumplimientos[k];
      // Only an indicator's first cumplimiento of a year counts, as with a lookup by year.
      let repetido = false;
      for (let j = 0; j < k; j++) if (e.cumplimientos[j].anio === c.anio) repetido = true;
      if (repetido) continue;
      let a = this.porAnio.get(c.anio);
      if (!a) {
        a = { cumplen: 0, noCumplen: 0, obtenido: 0 };
        this.porAnio.set(c.anio, a);
      }
      if (c.estado === 'no-cumple') a.noCumplen++;
      else if (c.estado != null) {
        a.cumplen++;
        a.obtenido += e.ponderacion ?? 0;
      }
    }
  }

  /** The year evaluated is `anio`, else the latest with meta and efectivo; an indicator without it does not cumple. */
  result(anio?: number): ServicioCumplimiento {
    let evaluado: number | null = anio ?? null;
    if (anio === undefined) for (const y of this.porAnio.keys()) if (evaluado === null || y > evaluado) evaluado = y;
    const a = evaluado == null ? undefined : this.porAnio.get(evaluado);
    const cumplen = a?.cumplen ?? 0;
    const noCumplen = a?.noCumplen ?? 0;
    // A sum of weights written with decimals (44,95 + 30,05) is rounded as written: 75, not 74,99999999999999.
    const cumplimientoInstitucional = this.weighted && evaluado != null ? Number((a?.obtenido ?? 0).toPrecision(12)) : null;
    return {
      servicio: this.servicio,
      anio: evaluado,
      indicadores: this.indicadores,
      ponderacionTotal: this.weighted ? this.ponderacionTotal : null,
      cumplimientoInstitucional,
      incentivo: cumplimientoInstitucional == null ? null : computeIncentivo(cumplimientoInstitucional),
      cumplen,
      noCumplen,
      sinMedicion: this.indicadores - cumplen - noCumplen,
    };
  }
}

/** Rows of `calcular`: one per indicator, year and kind, with its computed and stated value. */
export interface FilaValor {
  indicador: Indicador;
  medicion: Medicion;
  valor: number | null;
  declarado: NumeroLeido | null;
}

export function filasDeValores(ind: Indicador): FilaValor[] {
  return ind.mediciones.map((m) => ({
    indicador: ind,
    medicion: m,
    valor: computeValor(m.numerador?.value ?? null, m.denominador?.value ?? null, ind.factor),
    declarado: m.declarado,
  }));
}

/** Groups indicators by servicio, keeping the order they first appear in. */
export function porServicio(inds: Indicador[]): Map<string | null, Indicador[]> {
  const out = new Map<string | null, Indicador[]>();
  for (const i of inds) {
    const g = out.get(i.servicio) ?? [];
    g.push(i);
    out.set(i.servicio, g);
  }
  return out;
}
