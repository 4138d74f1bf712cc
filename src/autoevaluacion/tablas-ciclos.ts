import type { Columna, Resultado, Tabla, Valor } from '../render/model.js';
import type { Ciclo, ResultadoCiclo } from './calcular.js';
import { jsonCiclo } from './tablas.js';

/**
 * The result of `calcular` on a workbook with several cycles: each table has a Ciclo column
 * and the cycles one after another (in the order the file names them), so one CSV or sheet
 * holds them all; `ciclos` summarises each cycle in a row. JSON lists the cycles in `ciclos`,
 * each shaped like a one-cycle result.
 */
export function resultadoCalculoCiclos(ciclos: Ciclo[], rs: ResultadoCiclo[], opts: { detalle: boolean; notas: string[] }): Resultado {
  const base = ciclos[0];
  const crit = base.modelo.criterios;
  const ent = base.tituloEntidad;
  const etiqueta = (c: Ciclo) => c.etiqueta ?? 'sin ciclo';
  const colCiclo: Columna = { clave: 'ciclo', titulo: 'Ciclo', tipo: 'texto' };
  const porCriterio = (f: (j: number) => Valor) => Object.fromEntries(crit.map((c, j) => [`c${c.codigo}`, f(j)]));

  const resumen: Tabla = {
    nombre: 'ciclos',
    titulo: `Autoevaluación, ${ciclos.length} ciclos: promedio por criterio de cada ciclo`,
    columnas: [
      colCiclo,
      { clave: 'n', titulo: ent === 'GORE' ? 'N° GORE' : `N° (${ent})`, tipo: 'entero' },
      ...crit.map((c): Columna => ({ clave: `c${c.codigo}`, titulo: `C${c.codigo} (${fmt(c.maximo)})`, tipo: 'numero', decimales: 1 })),
      { clave: 'total', titulo: `Total (${fmt(base.modelo.maximo)})`, tipo: 'numero', decimales: 1 },
      { clave: 'logro', titulo: '% logro', tipo: 'porcentaje', decimales: 1, estilo: 'logro' },
    ],
    filas: ciclos.map((c, i) => ({ ciclo: etiqueta(c), n: rs[i].gores.length, ...porCriterio((j) => rs[i].criterios[j].promedio), total: rs[i].total.promedio, logro: rs[i].total.logro })),
    notas: [`Cada ciclo con sus ${ent === 'GORE' ? 'GORE' : 'entidades'} y su ranking; % logro = puntaje / máximo × 100. Modelo: ${base.modelo.origen}. Para un solo ciclo: --ciclo.`, ...opts.notas],
  };
  const criterios: Tabla = {
    nombre: 'criterios',
    titulo: 'Promedio por criterio, por ciclo',
    columnas: [
      colCiclo,
      { clave: 'criterio', titulo: 'Criterio', tipo: 'texto' },
      { clave: 'maximo', titulo: 'Máximo', tipo: 'numero', decimales: 2 },
      { clave: 'promedio', titulo: 'Promedio', tipo: 'numero', decimales: 1 },
      { clave: 'logro', titulo: '% logro', tipo: 'porcentaje', decimales: 0 },
      { clave: 'minimo', titulo: 'Mínimo', tipo: 'numero', decimales: 1 },
      { clave: 'maximoObtenido', titulo: 'Mayor', tipo: 'numero', decimales: 1 },
    ],
    filas: ciclos.flatMap((c, i) =>
      [...rs[i].criterios.map((x) => ({ ...x, nombre: `C${x.codigo}. ${x.nombre}` })), rs[i].total].map((x) => ({ ciclo: etiqueta(c), criterio: x.nombre, maximo: x.maximo, promedio: x.promedio, logro: x.logro, minimo: x.minimo, maximoObtenido: x.maximoObtenido })),
    ),
  };
  const gores: Tabla = {
    nombre: 'gores',
    titulo: `Puntaje por criterio de cada ${ent === 'GORE' ? 'GORE' : 'entidad'}, por ciclo`,
    columnas: [
      colCiclo,
      { clave: 'ranking', titulo: 'Rank.', tipo: 'entero' },
      { clave: 'gore', titulo: ent, tipo: 'texto' },
      ...crit.map((c): Columna => ({ clave: `c${c.codigo}`, titulo: `C${c.codigo} (${fmt(c.maximo)})`, tipo: 'numero', decimales: 1 })),
      { clave: 'total', titulo: `Total (${fmt(base.modelo.maximo)})`, tipo: 'numero', decimales: 1 },
      { clave: 'logro', titulo: '% logro', tipo: 'porcentaje', decimales: 1, estilo: 'logro' },
    ],
    filas: ciclos.flatMap((c, i) => rs[i].gores.map((g) => ({ ciclo: etiqueta(c), ranking: g.ranking, gore: g.gore, ...porCriterio((j) => g.criterios[j].puntaje), total: g.total, logro: g.logro }))),
  };
  const logro: Tabla = {
    nombre: 'logro',
    titulo: `% logro por criterio de cada ${ent === 'GORE' ? 'GORE' : 'entidad'}, por ciclo`,
    columnas: [
      colCiclo,
      { clave: 'gore', titulo: ent, tipo: 'texto' },
      ...crit.map((c): Columna => ({ clave: `c${c.codigo}`, titulo: `C${c.codigo}`, tipo: 'porcentaje', decimales: 0 })),
      { clave: 'total', titulo: 'Total', tipo: 'porcentaje', decimales: 1 },
    ],
    filas: ciclos.flatMap((c, i) => rs[i].gores.map((g) => ({ ciclo: etiqueta(c), gore: g.gore, ...porCriterio((j) => g.criterios[j].logro), total: g.logro }))),
  };
  const tablas = [resumen, criterios, gores, logro];
  const subs = base.modelo.criterios.flatMap((c) => c.subcriterios);
  if (opts.detalle && rs.every((r) => r.subcriterios)) {
    tablas.push({
      nombre: 'subcriterios',
      titulo: 'Puntaje por subcriterio = máximo × Σ elementos / (5 × n° de elementos), por ciclo',
      columnas: [colCiclo, { clave: 'gore', titulo: ent, tipo: 'texto' }, ...subs.map((s): Columna => ({ clave: `s${s.codigo}`, titulo: `${s.codigo} (${fmt(s.maximo)})`, tipo: 'numero', decimales: 2 }))],
      filas: ciclos.flatMap((c, i) => rs[i].gores.map((g) => ({ ciclo: etiqueta(c), gore: g.gore, ...Object.fromEntries(g.subcriterios!.map((x) => [`s${x.codigo}`, x.puntaje])) }))),
    });
  }
  return {
    comando: 'autoevaluacion calcular',
    archivos: [base.archivo],
    tablas,
    json: {
      archivo: base.archivo,
      hoja: base.hoja,
      layout: base.layout,
      entidades: { tipo: base.tipoEntidad, titulo: ent },
      modelo: { origen: base.modelo.origen, maximo: base.modelo.maximo, criterios: base.modelo.criterios },
      ciclos: ciclos.map((c, i) => ({ ciclo: c.etiqueta, ...jsonCiclo(rs[i], opts.detalle) })),
      notas: opts.notas,
    },
  };
}

function fmt(n: number): string {
  return new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 }).format(n);
}
