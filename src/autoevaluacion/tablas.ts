import { barraComparacion } from '../render/barras.js';
import type { Columna, Resultado, Tabla, Valor } from '../render/model.js';
import type { Ciclo, ResultadoCiclo } from './calcular.js';
import type { Comparacion, FilaComparacion } from './comparar.js';

/**
 * Decimals shown in tables (JSON and CSV keep every digit): promedios with 1 decimal
 * (the seed prints 175,67 as 175; pbr shows 175,7), % logro with 0 as the seed does,
 * % mejora with 1 (13,8%).
 */
const DEC_PROMEDIO = 1;

/** The result of `calcular`: scores and % logro per GORE, averages per criterio. */
export function resultadoCalculo(ciclo: Ciclo, r: ResultadoCiclo, opts: { detalle: boolean; notas: string[] }): Resultado {
  const crit = ciclo.modelo.criterios;
  const ent = ciclo.tituloEntidad;
  const titulo = `Autoevaluación${ciclo.etiqueta ? ` ${ciclo.etiqueta}` : ''}: ${cuantos(r.gores.length, ent)}`;
  const puntajes: Tabla = {
    nombre: 'gores',
    titulo: `${titulo}, puntaje por criterio (máximo entre paréntesis)`,
    columnas: [
      { clave: 'ranking', titulo: 'Rank.', tipo: 'entero' },
      { clave: 'gore', titulo: ent, tipo: 'texto' },
      ...crit.map((c): Columna => ({ clave: `c${c.codigo}`, titulo: `C${c.codigo} (${fmt(c.maximo)})`, tipo: 'numero', decimales: 1 })),
      // In the xlsx report the total and its % logro are formulas over the row, so an auditor sees them computed.
      { clave: 'total', titulo: `Total (${fmt(ciclo.modelo.maximo)})`, tipo: 'numero', decimales: 1, formula: crit.map((c) => `{c${c.codigo}}`).join('+') },
      { clave: 'logro', titulo: '% logro', tipo: 'porcentaje', decimales: 1, estilo: 'logro', formula: `{total}/${ciclo.modelo.maximo}*100` },
    ],
    filas: r.gores.map((g) => ({ ranking: g.ranking, gore: g.gore, ...Object.fromEntries(g.criterios.map((c) => [`c${c.codigo}`, c.puntaje])), total: g.total, logro: g.logro })),
    totales: [{ gore: 'Promedio', ...Object.fromEntries(r.criterios.map((c) => [`c${c.codigo}`, c.promedio])), total: r.total.promedio, logro: r.total.logro }],
  };
  const logros: Tabla = {
    nombre: 'logro',
    titulo: `${titulo}, % logro por criterio`,
    columnas: [
      { clave: 'gore', titulo: ent, tipo: 'texto' },
      ...crit.map((c): Columna => ({ clave: `c${c.codigo}`, titulo: `C${c.codigo}`, tipo: 'porcentaje', decimales: 0, estilo: 'logro' })),
      { clave: 'total', titulo: 'Total', tipo: 'porcentaje', decimales: 1, estilo: 'logro' },
    ],
    filas: r.gores.map((g) => ({ gore: g.gore, ...Object.fromEntries(g.criterios.map((c) => [`c${c.codigo}`, c.logro])), total: g.logro })),
    totales: [{ gore: 'Promedio', ...Object.fromEntries(r.criterios.map((c) => [`c${c.codigo}`, c.logro])), total: r.total.logro }],
  };
  const criterios: Tabla = {
    nombre: 'criterios',
    titulo: `${titulo}, promedio por criterio`,
    columnas: [
      { clave: 'criterio', titulo: 'Criterio', tipo: 'texto' },
      { clave: 'maximo', titulo: 'Máximo', tipo: 'numero', decimales: 2 },
      { clave: 'promedio', titulo: 'Promedio', tipo: 'numero', decimales: DEC_PROMEDIO },
      { clave: 'logro', titulo: '% logro', tipo: 'porcentaje', decimales: 0, estilo: 'logro', formula: '{promedio}/{maximo}*100' },
      { clave: 'minimo', titulo: 'Mínimo', tipo: 'numero', decimales: 1 },
      { clave: 'maximoObtenido', titulo: 'Mayor', tipo: 'numero', decimales: 1 },
    ],
    filas: r.criterios.map((c) => ({ criterio: `C${c.codigo}. ${c.nombre}`, maximo: c.maximo, promedio: c.promedio, logro: c.logro, minimo: c.minimo, maximoObtenido: c.maximoObtenido })),
    totales: [{ criterio: 'Total', maximo: r.total.maximo, promedio: r.total.promedio, logro: r.total.logro, minimo: r.total.minimo, maximoObtenido: r.total.maximoObtenido }],
    notas: [`Ranking por puntaje total (empates comparten lugar). % logro = puntaje / máximo × 100. Modelo: ${ciclo.modelo.origen}.`, ...opts.notas],
  };
  const tablas = [criterios, puntajes, logros];
  if (opts.detalle && r.subcriterios) {
    const subs = ciclo.modelo.criterios.flatMap((c) => c.subcriterios);
    tablas.push({
      nombre: 'subcriterios',
      titulo: `${titulo}, puntaje por subcriterio = máximo × Σ elementos / (5 × n° de elementos)`,
      columnas: [
        { clave: 'subcriterio', titulo: 'Subcriterio', tipo: 'texto' },
        { clave: 'maximo', titulo: 'Máximo', tipo: 'numero', decimales: 2 },
        ...r.gores.map((g, i): Columna => ({ clave: `g${i}`, titulo: g.gore, tipo: 'numero', decimales: 2 })),
        { clave: 'promedio', titulo: 'Promedio', tipo: 'numero', decimales: 2 },
        { clave: 'logro', titulo: '% logro', tipo: 'porcentaje', decimales: 0, estilo: 'logro', formula: '{promedio}/{maximo}*100' },
      ],
      filas: subs.map((s, j) => ({
        subcriterio: `${s.codigo} ${s.nombre}`,
        maximo: s.maximo,
        ...Object.fromEntries(r.gores.map((g, i) => [`g${i}`, g.subcriterios![j].puntaje])),
        promedio: r.subcriterios![j].promedio,
        logro: r.subcriterios![j].logro,
      })),
    });
  }
  return {
    comando: 'autoevaluacion calcular',
    archivos: [ciclo.archivo],
    tablas,
    json: {
      archivo: ciclo.archivo,
      hoja: ciclo.hoja,
      ciclo: ciclo.etiqueta,
      layout: ciclo.layout,
      entidades: { tipo: ciclo.tipoEntidad, titulo: ciclo.tituloEntidad },
      modelo: { origen: ciclo.modelo.origen, maximo: ciclo.modelo.maximo, criterios: ciclo.modelo.criterios },
      ...jsonCiclo(r, opts.detalle),
      notas: opts.notas,
    },
  };
}

/** One cycle's results as JSON: per entity (GORE), per criterio, subcriterios with `detalle`, the total. */
export function jsonCiclo(r: ResultadoCiclo, detalle: boolean): Record<string, unknown> {
  return {
    gores: r.gores.map((g) => ({
      gore: g.gore,
      region: g.region ? { numero: g.region.numero, nombreOficial: g.region.nombreOficial } : null,
      ranking: g.ranking,
      total: g.total,
      maximo: g.maximo,
      logro: g.logro,
      criterios: g.criterios,
      ...(detalle && g.subcriterios ? { subcriterios: g.subcriterios } : {}),
    })),
    criterios: r.criterios,
    ...(detalle && r.subcriterios ? { subcriterios: r.subcriterios } : {}),
    total: r.total,
  };
}

/** `15 GORE`; `345 entidades (Municipio)`. */
export function cuantos(n: number, tituloEntidad: string): string {
  return tituloEntidad === 'GORE' ? `${n} GORE` : `${n} entidades (${tituloEntidad})`;
}

/** The result of `comparar`, laid out like the seed's comparison table. */
export function resultadoComparacion(cmp: Comparacion, archivos: [string, string], opts: { barras: boolean; notas: string[] }): Resultado {
  const [e1, e2] = cmp.etiquetas;
  const fila = (f: FilaComparacion, nombre: string): Record<string, Valor> => ({
    criterio: nombre,
    promedioC1: f.promedioC1,
    promedioC2: f.promedioC2,
    maximo: f.maximo,
    logroC2: f.logroC2,
    mejora: f.mejora,
    ...(opts.barras ? { barra: f.promedioC1 == null || f.promedioC2 == null ? '' : barraComparacion(f.promedioC1, f.promedioC2, f.maximo) } : {}),
  });
  const soloUno = cmp.gores.filter((g) => g.presencia !== 'ambos');
  const notas = [
    `% logro ${e2} = promedio ${e2} / máximo × 100; % mejora = (promedio ${e2} − promedio ${e1}) / máximo × 100, en puntos porcentuales, de los promedios sin redondear.`,
    `Promedios de los ${cuantos(cmp.goresComunes, cmp.tituloEntidad)} presentes en ambos ciclos.${soloUno.length ? ` Quedan fuera: ${soloUno.map((g) => `${g.gore} (solo en ${g.presencia === 'solo-c1' ? e1 : e2})`).join(', ')}.` : ''}`,
    ...(opts.barras ? [`Barra (escala: máximo del criterio): █ ${e1}; ░ lo que ${e2} avanza sobre ${e1}; ▒ lo que retrocede.`] : []),
    ...opts.notas,
  ];
  const criterios: Tabla = {
    nombre: 'criterios',
    titulo: `Comparación ciclo 1 (${e1}) y ciclo 2 (${e2}): ${cuantos(cmp.goresComunes, cmp.tituloEntidad)}`,
    columnas: [
      { clave: 'criterio', titulo: 'Criterio', tipo: 'texto' },
      { clave: 'promedioC1', titulo: `Promedio ${e1}`, tipo: 'numero', decimales: DEC_PROMEDIO },
      { clave: 'promedioC2', titulo: `Promedio ${e2}`, tipo: 'numero', decimales: DEC_PROMEDIO },
      { clave: 'maximo', titulo: 'Máximo', tipo: 'numero', decimales: 2 },
      { clave: 'logroC2', titulo: `% logro ${e2}`, tipo: 'porcentaje', decimales: 0, estilo: 'logro', formula: '{promedioC2}/{maximo}*100' },
      { clave: 'mejora', titulo: '% mejora', tipo: 'porcentaje', decimales: 1, estilo: 'mejora', formula: '({promedioC2}-{promedioC1})/{maximo}*100' },
      ...(opts.barras ? [{ clave: 'barra', titulo: `${e1} → ${e2}`, tipo: 'texto' } as Columna] : []),
    ],
    filas: cmp.criterios.map((f) => fila(f, `${f.codigo}. ${f.nombre}`)),
    totales: [fila(cmp.total, 'Total')],
    notas,
  };
  const gores: Tabla = {
    nombre: 'gores',
    titulo: `Puntaje total por ${cmp.tituloEntidad === 'GORE' ? 'GORE' : cmp.tituloEntidad.toLowerCase()}, ${e1} y ${e2}`,
    columnas: [
      { clave: 'gore', titulo: cmp.tituloEntidad, tipo: 'texto' },
      { clave: 'totalC1', titulo: `Total ${e1}`, tipo: 'numero', decimales: 1 },
      { clave: 'totalC2', titulo: `Total ${e2}`, tipo: 'numero', decimales: 1 },
      { clave: 'diferencia', titulo: 'Diferencia', tipo: 'numero', decimales: 1, formula: '{totalC2}-{totalC1}' },
      { clave: 'rankingC1', titulo: `Rank. ${e1}`, tipo: 'entero' },
      { clave: 'rankingC2', titulo: `Rank. ${e2}`, tipo: 'entero' },
      { clave: 'cambioRanking', titulo: 'Cambio rank.', tipo: 'entero', formula: '{rankingC1}-{rankingC2}' },
      { clave: 'observacion', titulo: 'Observación', tipo: 'texto' },
    ],
    filas: cmp.gores.map((g) => ({
      gore: g.gore,
      totalC1: g.totalC1,
      totalC2: g.totalC2,
      diferencia: g.diferencia,
      rankingC1: g.rankingC1,
      rankingC2: g.rankingC2,
      cambioRanking: g.cambioRanking,
      observacion: g.presencia === 'ambos' ? '' : `solo en ${g.presencia === 'solo-c1' ? e1 : e2}`,
    })),
    notas: [`Cambio rank. = lugar en el primer ciclo − lugar en el segundo: positivo, ${cmp.tituloEntidad === 'GORE' ? 'el GORE subió; cada ciclo ordena a todos sus GORE' : 'subió; cada ciclo ordena a todas sus entidades'}.`],
  };
  return {
    comando: 'autoevaluacion comparar',
    archivos,
    tablas: [criterios, gores],
    json: {
      etiquetas: { c1: e1, c2: e2 },
      archivos: { c1: archivos[0], c2: archivos[1] },
      goresComunes: cmp.goresComunes,
      criterios: cmp.criterios,
      total: cmp.total,
      gores: cmp.gores.map(({ region, ...g }) => ({ ...g, region: region ? { numero: region.numero, nombreOficial: region.nombreOficial } : null })),
      notas,
    },
  };
}

function fmt(n: number): string {
  return new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 }).format(n);
}
