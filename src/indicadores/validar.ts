import type { IssueCollector, ValidationReport } from '../core/report.js';
import { normalizeWords } from '../core/text.js';
import { formatNumero, formatPorcentaje } from '../core/numero-es.js';
import { computeValor, cumplimientosDe, medicion, porServicio, valorDeMedicion, type ConfigCumplimiento } from './calcular.js';
import type { Indicador, LibroIndicadores, Medicion, NumeroLeido } from './schema.js';

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
  if (libro.hojas.length > 0 && libro.indicadores.length === 0) {
    collector.error('sin-indicadores', `La hoja ${libro.hojas.join(', ')} no tiene filas de indicadores bajo los encabezados.`, { sheet: libro.hojas[0] });
  }
  for (const ind of libro.indicadores) validarIndicador(ind, collector, cfg);
  validarServicios(libro.indicadores, collector);
  validarProductos(libro, collector);
}

function validarIndicador(ind: Indicador, c: IssueCollector, cfg: ConfigCumplimiento): void {
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
  validarMetas(ind, c, cfg);
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
    `${etiqueta(m)}: el valor declarado ${escrito} no corresponde a ${fmt(num.value)}/${fmt(den.value)}${ind.factor !== 1 ? `×${ind.factor}` : ''} = ${formatNumero(valor, 2)}${unidad}; con la precisión escrita se esperaba entre ${formatNumero(decl.value - tol, (decl.decimals ?? 2) + 1)} y ${formatNumero(decl.value + tol, (decl.decimals ?? 2) + 1)}${hint}.`,
    decl.celda,
    decl.value,
  );
}

/** Warnings: a meta worse than the latest efectivo or estimado, and sobrecumplimiento. */
function validarMetas(ind: Indicador, c: IssueCollector, cfg: ConfigCumplimiento): void {
  for (const meta of ind.mediciones.filter((m) => m.tipo === 'meta')) {
    const metaValor = valorDeMedicion(meta, ind.factor);
    if (metaValor == null) continue;
    const previas = ind.mediciones.filter((m) => m.tipo !== 'meta' && m.anio < meta.anio && valorDeMedicion(m, ind.factor) != null);
    const ultima = previas.sort((a, b) => b.anio - a.anio || (a.tipo === 'efectivo' ? -1 : 1))[0];
    if (!ultima) continue;
    const ultimoValor = valorDeMedicion(ultima, ind.factor)!;
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
  for (const cu of cumplimientosDe(ind, cfg)) {
    if (cu.estado !== 'sobrecumplimiento') continue;
    const m = medicion(ind, cu.anio, 'efectivo');
    const at = m?.declarado?.celda ?? m?.numerador?.celda ?? ind.celda;
    c.warn('sobrecumplimiento', `Cumplimiento ${cu.anio} de ${formatPorcentaje(cu.cumplimiento!)} supera el ${formatPorcentaje(cfg.sobrecumplimiento, 0)}: DIPRES pide explicar una meta tan holgada.`, at, cu.cumplimiento);
  }
}

function validarServicios(inds: Indicador[], c: IssueCollector): void {
  for (const [servicio, group] of porServicio(inds)) {
    const nombre = servicio ?? 'el servicio';
    const seen = new Map<string, Indicador>();
    for (const ind of group) {
      const key = normalizeWords(ind.nombre);
      const prev = seen.get(key);
      if (prev) c.error('indicador-duplicado', `El indicador «${ind.nombre}» ya aparece en ${prev.celda.sheet ? `${prev.celda.sheet}!` : ''}${prev.celda.address} para ${nombre}.`, ind.celda, ind.nombre);
      else seen.set(key, ind);
    }
    const conPeso = group.filter((i) => i.ponderacion != null);
    if (conPeso.length === 0) continue;
    for (const ind of group.filter((i) => i.ponderacion == null)) {
      c.error('ponderacion-faltante', `El indicador «${ind.nombre}» no tiene ponderación y los demás de ${nombre} sí.`, ind.celda);
    }
    const suma = conPeso.reduce((s, i) => s + i.ponderacion!, 0);
    if (Math.abs(suma - 100) > 0.01) {
      c.error('ponderacion-no-suma-100', `Las ponderaciones de ${nombre} suman ${formatPorcentaje(suma, 2)}; deben sumar 100%.`, conPeso[0].celdaPonderacion ?? conPeso[0].celda, suma);
    }
  }
}

function validarProductos(libro: LibroIndicadores, c: IssueCollector): void {
  if (!libro.productos) return;
  const known = new Set(libro.productos.map((p) => normalizeWords(p.nombre)));
  for (const ind of libro.indicadores) {
    if (ind.producto && !known.has(normalizeWords(ind.producto)) && !/^\d+$/.test(ind.producto.trim())) {
      c.warn('producto-desconocido', `El producto «${ind.producto}» del indicador no está en la hoja de productos estratégicos.`, ind.celda, ind.producto);
    }
  }
}

export function reporteDe(libro: LibroIndicadores | null, collector: IssueCollector): ValidationReport {
  return {
    archivo: collector.archivo,
    tipo: 'indicadores',
    hoja: libro?.hojas.join(', ') || null,
    valido: !collector.hasErrors,
    issues: collector.issues,
    notas: collector.notas,
  };
}
