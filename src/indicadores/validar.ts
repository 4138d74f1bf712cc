import type { IssueCollector, ValidationReport } from '../core/report.js';
import { a1, quoteSheet } from '../core/report.js';
import { huellaNormalizada, normalizeWords, propio } from '../core/text.js';
import { formatNumero, formatPorcentaje } from '../core/numero-es.js';
import { TablaNumeros } from '../core/tabla-numeros.js';
import { PorServicio } from '../core/por-servicio.js';
import { computeValor, cumplimientosDe, medicion, valorDeMedicion, type ConfigCumplimiento, type CumplimientoAnual } from './calcular.js';
import type { Celda, Indicador, LibroIndicadores, Medicion, NumeroLeido } from './schema.js';

/** Tolerance of a stated value written with `decimals` digits: half a unit of its last digit. */
export function toleranciaDe(decimals: number | null, value: number): number {
  const d = decimals ?? 15;
  return 0.5 * 10 ** -d + 1e-9 * Math.max(1, Math.abs(value));
}

/** A stated value agrees with its fraction when they differ by no more than the stated precision. */
export function concuerda(declarado: number, decimals: number | null, calculado: number): boolean {
  return Math.abs(declarado - calculado) <= toleranciaDe(decimals, declarado);
}

const fmt = (n: number) => formatNumero(n, 4);
const conUnidad = (n: number, ind: Indicador) => (ind.factor === 100 ? formatPorcentaje(n, 1) : formatNumero(n, 2));
const etiqueta = (m: Medicion) => (m.tipo === 'efectivo' ? `${m.anio}` : `${m.tipo} ${m.anio}`);

/** Checks that need the whole workbook: fractions, stated values, weights, duplicates, metas. */
export function validarLibro(libro: LibroIndicadores, collector: IssueCollector, cfg: ConfigCumplimiento): void {
  const v = new ValidadorLibro(collector, cfg);
  for (const ind of libro.indicadores) v.add(ind);
  v.finish(libro);
}

/** Just where a cell is (kept per servicio, so it must not keep the cell's text alive). */
const soloLugar = (c: Celda): Celda => ({ sheet: c.sheet, address: c.address, row: c.row, col: c.col });

interface ServicioVisto {
  sinPeso: { nombre: string; celda: Celda }[];
  conPeso: number;
  suma: number;
  primeraCelda: Celda | null;
}

/**
 * Validates indicators one at a time, keeping only what the whole-set checks need: per
 * servicio the weights (Σ = 100 %), the productos named, and for the duplicate check one
 * number per indicator (a 52-bit fingerprint of servicio and name → where it was seen), so
 * that 200 000 long names cost a few MB and not the names themselves.
 */
export class ValidadorLibro {
  private readonly servicios = new PorServicio<ServicioVisto>(() => ({ sinPeso: [], conPeso: 0, suma: 0, primeraCelda: null }));
  private readonly vistos = new TablaNumeros();
  private readonly hojas: string[] = [];
  private readonly productos = new Map<string, { producto: string; celda: Celda }>();
  private count = 0;
  constructor(private readonly c: IssueCollector, private readonly cfg: ConfigCumplimiento) {}

  /** Validates one indicator; returns its cumplimientos, which the checks computed (calcular needs them too). */
  add(ind: Indicador): CumplimientoAnual[] {
    this.count++;
    const cumplimientos = validarIndicador(ind, this.c, this.cfg);
    const s = this.servicios.de(ind.servicio);
    const key = huellaNormalizada(ind.servicio ?? '', ind.nombre);
    const prev = this.vistos.get(key);
    if (prev !== undefined) {
      const lugar = this.lugarDe(prev);
      this.c.error('indicador-duplicado', `El indicador «${ind.nombre}» ya aparece en ${lugar} para ${ind.servicio ?? 'el servicio'}.`, ind.celda, ind.nombre);
    } else this.vistos.set(key, this.empacar(ind.celda));
    if (ind.ponderacion == null) s.sinPeso.push({ nombre: propio(ind.nombre), celda: ind.celda });
    else {
      s.conPeso++;
      s.suma += ind.ponderacion;
      s.primeraCelda ??= soloLugar(ind.celdaPonderacion ?? ind.celda);
    }
    if (ind.producto) {
      const k = normalizeWords(ind.producto);
      if (!this.productos.has(k)) this.productos.set(k, { producto: propio(ind.producto), celda: ind.celda });
    }
    return cumplimientos;
  }

  /** A cell's place as one number: sheet index × 2^34 + row × 2^14 + column (Excel: 2^20 rows, 2^14 columns). */
  private empacar(c: Celda): number {
    let h = this.hojas.indexOf(c.sheet);
    if (h < 0) h = this.hojas.push(c.sheet) - 1;
    return h * 2 ** 34 + c.row * 2 ** 14 + (c.col - 1);
  }

  private lugarDe(n: number): string {
    const sheet = this.hojas[Math.floor(n / 2 ** 34)];
    const row = Math.floor(n / 2 ** 14) % 2 ** 20;
    const col = (n % 2 ** 14) + 1;
    return `${sheet ? `${quoteSheet(sheet)}!` : ''}${a1(row, col)}`;
  }

  finish(libro: Omit<LibroIndicadores, 'indicadores'>): void {
    if (libro.hojas.length > 0 && this.count === 0) {
      this.c.error('sin-indicadores', `La hoja ${libro.hojas.join(', ')} no tiene filas de indicadores bajo los encabezados.`, { sheet: libro.hojas[0] });
    }
    for (const [servicio, s] of this.servicios.entries()) {
      if (s.conPeso === 0) continue;
      const nombre = servicio ?? 'el servicio';
      for (const i of s.sinPeso) this.c.error('ponderacion-faltante', `El indicador «${i.nombre}» no tiene ponderación y los demás de ${nombre} sí.`, i.celda);
      if (Math.abs(s.suma - 100) > 0.01) {
        this.c.error('ponderacion-no-suma-100', `Las ponderaciones de ${nombre} suman ${formatPorcentaje(s.suma, 2)}; deben sumar 100%.`, s.primeraCelda, s.suma);
      }
    }
    if (!libro.productos) return;
    const known = new Set(libro.productos.map((p) => normalizeWords(p.nombre)));
    for (const [k, p] of this.productos) {
      if (!known.has(k) && !/^\d+$/.test(p.producto.trim())) {
        this.c.warn('producto-desconocido', `El producto «${p.producto}» del indicador no está en la hoja de productos estratégicos.`, p.celda, p.producto);
      }
    }
  }
}

function validarIndicador(ind: Indicador, c: IssueCollector, cfg: ConfigCumplimiento): CumplimientoAnual[] {
  for (const m of ind.mediciones) {
    const { numerador: num, denominador: den } = m;
    // A part that could not be read was reported already: it is not also "missing".
    if (m.ilegible) {
      /* no missing-part checks */
    } else if (num && !den) {
      c.error('denominador-faltante', `${etiqueta(m)}: hay numerador (${fmt(num.value)}) pero falta el denominador.`, num.celda, num.value);
    } else if (den && !num) {
      c.error('numerador-faltante', `${etiqueta(m)}: hay denominador (${fmt(den.value)}) pero falta el numerador.`, den.celda, den.value);
    }
    if (num && den && den.value === 0) {
      if (!(num.value === 0 && m.noAplica)) {
        c.error('denominador-cero', `${etiqueta(m)}: el denominador es 0, la división no está definida${num.value === 0 ? ' (si el año no aplica, márquelo «No aplica»)' : ''}.`, den.celda, 0);
      }
      continue;
    }
    const valor = computeValor(num?.value ?? null, den?.value ?? null, ind.factor);
    if (valor != null && m.declarado) validarDeclarado(m.declarado, valor, num!, den!, ind, m, c);
  }
  return validarMetas(ind, c, cfg);
}

function validarDeclarado(decl: NumeroLeido, valor: number, num: NumeroLeido, den: NumeroLeido, ind: Indicador, m: Medicion, c: IssueCollector): void {
  if (concuerda(decl.value, decl.decimals, valor)) return;
  const unidad = ind.factor === 100 ? '%' : '';
  const escrito = `${formatNumero(decl.value, decl.decimals ?? 4, decl.decimals ?? 0)}${unidad}`;
  const tol = toleranciaDe(decl.decimals, decl.value);
  const hint = ind.factor === 100 && concuerda(decl.value * 100, decl.decimals == null ? null : Math.max(0, decl.decimals - 2), valor)
    ? ' (¿el valor está escrito como fracción y no como porcentaje?)'
    : '';
  c.error(
    'valor-inconsistente',
    `${etiqueta(m)}: el valor declarado ${escrito} no corresponde a ${fmt(num.value)}/${fmt(den.value)}${ind.factor !== 1 ? `×${ind.factor}` : ''} = ${formatNumero(valor, 2)}${unidad}; con la precisión escrita se esperaba entre ${formatNumero(decl.value - tol, (decl.decimals ?? 2) + 1)}${unidad} y ${formatNumero(decl.value + tol, (decl.decimals ?? 2) + 1)}${unidad}${hint}.`,
    decl.celda,
    decl.value,
  );
}

/** Warnings: a meta worse than the latest efectivo or estimado, and sobrecumplimiento. */
function validarMetas(ind: Indicador, c: IssueCollector, cfg: ConfigCumplimiento): CumplimientoAnual[] {
  for (const meta of ind.mediciones) {
    if (meta.tipo !== 'meta') continue;
    const metaValor = valorDeMedicion(meta, ind.factor);
    if (metaValor == null) continue;
    // The latest value before the meta's year (an efectivo before an estimado of the same year).
    let ultima: Medicion | null = null;
    let ultimoValor = 0;
    for (const m of ind.mediciones) {
      if (m.tipo === 'meta' || m.anio >= meta.anio) continue;
      if (ultima && (m.anio < ultima.anio || (m.anio === ultima.anio && m.tipo !== 'efectivo'))) continue;
      const v = valorDeMedicion(m, ind.factor);
      if (v == null) continue;
      ultima = m;
      ultimoValor = v;
    }
    if (!ultima) continue;
    const peor = ind.sentido === 'ascendente' ? metaValor < ultimoValor : metaValor > ultimoValor;
    if (peor) {
      const at = meta.declarado?.celda ?? meta.numerador?.celda ?? ind.celda;
      c.warn(
        'meta-poco-exigente',
        `La meta ${meta.anio} (${conUnidad(metaValor, ind)}) es ${ind.sentido === 'ascendente' ? 'menor' : 'mayor'} que el ${ultima.tipo} ${ultima.anio} (${conUnidad(ultimoValor, ind)}): en sentido ${ind.sentido}, la meta es poco exigente.`,
        at,
        metaValor,
      );
    }
  }
  const cumplimientos = cumplimientosDe(ind, cfg);
  for (const cu of cumplimientos) {
    if (cu.estado !== 'sobrecumplimiento') continue;
    const m = medicion(ind, cu.anio, 'efectivo');
    const at = m?.declarado?.celda ?? m?.numerador?.celda ?? ind.celda;
    c.warn('sobrecumplimiento', `Cumplimiento ${cu.anio} de ${formatPorcentaje(cu.cumplimiento!)} supera el ${formatPorcentaje(cfg.sobrecumplimiento, 0)}: DIPRES pide explicar una meta tan holgada.`, at, cu.cumplimiento);
  }
  return cumplimientos;
}

export function reporteDe(libro: Pick<LibroIndicadores, 'hojas'> | null, collector: IssueCollector): ValidationReport {
  return {
    archivo: collector.archivo,
    tipo: 'indicadores',
    hoja: libro?.hojas.join(', ') || null,
    valido: !collector.hasErrors,
    issues: collector.issues,
    notas: collector.notas,
  };
}
