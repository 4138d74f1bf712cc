import { describe, expect, it } from 'vitest';
import { calcularCiclo } from '../../src/autoevaluacion/calcular.js';
import { compararCiclos, entidadesComparables } from '../../src/autoevaluacion/comparar.js';
import { claveEntidad } from '../../src/autoevaluacion/entidades.js';
import { leerCiclo } from '../../src/autoevaluacion/leer.js';
import { resultadoCalculoCiclos } from '../../src/autoevaluacion/tablas-ciclos.js';
import type { Workbook } from '../../src/io/cell.js';
import { readCsv } from '../../src/io/read-csv.js';

function libro(lineas: string[], file = 'prueba.csv'): Workbook {
  const { sheet } = readCsv(Buffer.from(lineas.join('\n'), 'utf8'), file, { delimiter: ';', encoding: 'utf-8' });
  return { file, format: 'csv', sheets: [sheet], notes: [] };
}
const CRIT = 'Criterio 1;Criterio 2;Criterio 3;Criterio 4;Criterio 5;Criterio 6;Criterio 7;Criterio 8';
const issues = (wb: Workbook) => leerCiclo(wb).report.issues.map((i) => [i.codigo, i.celda]);
const UNOS = '1;1;1;1;1;1;1;1';

/** Every elemento of the built-in model, in order. */
const CODIGOS = [[9, 5, 5], [6, 3], [5, 3, 5, 5, 4], [4, 5, 7, 4], [9, 4, 4, 4], [3, 4, 2, 5], [6, 7, 3], [3, 2, 2, 3, 2]].flatMap((subs, c) =>
  subs.flatMap((k, s) => Array.from({ length: k }, (_, e) => `${c + 1}.${s + 1}.${String.fromCharCode(97 + e)}`)),
);
/** Long detalle rows `Año;Municipio;Elemento;Puntaje` for one entity and cycle. */
const bloque = (ano: string, nombre: string, puntaje: (i: number) => string) => CODIGOS.map((k, i) => `${ano};${nombre};${k};${puntaje(i)}`);

describe('claveEntidad: sin mayúsculas, tildes ni espacios de más', () => {
  it.each([
    ['Ñuñoa', '  ñuñoa '],
    ['Municipalidad de  Peñalolén', 'municipalidad de penalolen'],
    ['San José de Maipo', 'SAN JOSE DE MAIPO'],
  ])('«%s» = «%s»', (a, b) => expect(claveEntidad(a)).toBe(claveEntidad(b)));
  it.each([
    ['Maule', 'Región del Maule'],
    ['Los Andes', 'Los Angeles'],
  ])('«%s» ≠ «%s»', (a, b) => expect(claveEntidad(a)).not.toBe(claveEntidad(b)));
});

describe('columna de entidad que no es GORE', () => {
  it.each(['Municipio', 'Comuna', 'Municipalidad', 'Servicio', 'Entidad', 'Institución'])('«%s»: los nombres se toman como vienen, sin regiones', (titulo) => {
    const r = leerCiclo(libro([`${titulo};${CRIT}`, `Ñuñoa;${UNOS}`, `Gotham;${UNOS}`]));
    expect(r.report.issues).toEqual([]);
    expect(r.ciclo!.tipoEntidad).toBe('otra');
    expect(r.ciclo!.tituloEntidad).toBe(titulo);
    expect(r.ciclo!.gores.map((g) => [g.entidad.nombre, g.entidad.region])).toEqual([['Ñuñoa', null], ['Gotham', null]]);
  });

  it('GORE o Región siguen reconciliando: una región desconocida es un error', () => {
    expect(issues(libro([`Región;${CRIT}`, `Gotham;${UNOS}`]))).toEqual([['region-desconocida', 'A2']]);
  });

  it('un nombre repetido (otra grafía, mismo nombre) es un duplicado', () => {
    expect(issues(libro([`Municipio;${CRIT}`, `Ñuñoa;${UNOS}`, `Maipú;${UNOS}`, ` ÑUÑOA ;${UNOS}`]))).toEqual([['entidad-duplicada', 'A4']]);
  });

  it('con columnas Región y Municipio, las entidades son los municipios', () => {
    const r = leerCiclo(libro([`Región;Municipio;${CRIT}`, `Metropolitana;Ñuñoa;${UNOS}`, `Metropolitana;Maipú;${UNOS}`]));
    expect(r.report.issues).toEqual([]);
    expect(r.ciclo!.gores.map((g) => g.entidad.nombre)).toEqual(['Ñuñoa', 'Maipú']);
  });

  it('una sola columna de criterio no basta para llamar «servicio» a una tabla de autoevaluación', () => {
    expect(issues(libro(['Servicio;Resultados', 'Servicio A;3']))).toEqual([['formato-no-reconocido', null]]);
  });

  it('detalle larga con municipios: cada uno puntuado por la fórmula del modelo', () => {
    const r = leerCiclo(libro(['Año;Municipio;Elemento;Puntaje', ...bloque('2020', 'Ñuñoa', () => '5'), ...bloque('2020', 'Maipú', () => '0')]));
    expect(r.report.issues).toEqual([]);
    const c = calcularCiclo(r.ciclo!);
    expect(c.gores.map((g) => [g.gore, Math.round(g.total), g.region, g.ranking])).toEqual([['Ñuñoa', 500, null, 1], ['Maipú', 0, null, 2]]);
  });
});

describe('varios ciclos en un libro', () => {
  const largo = (filas: string[]) => libro(['Año;Municipio;Elemento;Puntaje', ...filas]);

  it('cada ciclo con sus entidades; el mismo elemento en dos ciclos no es un duplicado', () => {
    const r = leerCiclo(largo([...bloque('2019', 'Ñuñoa', () => '1'), ...bloque('2020', 'Ñuñoa', () => '2'), ...bloque('2020', 'Maipú', () => '3')]));
    expect(r.report.issues).toEqual([]);
    expect(r.ciclos!.map((c) => [c.etiqueta, c.gores.map((g) => g.entidad.nombre)])).toEqual([['2019', ['Ñuñoa']], ['2020', ['Ñuñoa', 'Maipú']]]);
    expect(r.ciclos!.map((c) => calcularCiclo(c).total.promedio)).toEqual([100, 250]);
  });

  it('un elemento repetido dentro de un ciclo sí lo es, con la celda del anterior', () => {
    const r = leerCiclo(largo([...bloque('2019', 'Ñuñoa', () => '1'), '2019;Ñuñoa;1.1.a;4']));
    expect(r.report.issues.map((i) => [i.codigo, i.celda, i.mensaje])).toEqual([['elemento-duplicado', 'D135', 'El elemento 1.1.a de Ñuñoa aparece dos veces (también en D2).']]);
  });

  it('un elemento que falta en un ciclo dice cuál', () => {
    const r = leerCiclo(largo([...bloque('2019', 'Ñuñoa', () => '1'), ...bloque('2020', 'Ñuñoa', () => '1').filter((f) => !f.includes(';8.5.b;'))]));
    expect(r.report.issues.map((i) => [i.codigo, i.celda, i.mensaje])).toEqual([['elemento-faltante', 'B135', 'A Ñuñoa en 2020 le falta el elemento 8.5.b del subcriterio 8.5.']]);
  });

  it('un ciclo escrito una vez sobre su bloque vale hacia abajo', () => {
    const filas = [...bloque('2019', 'Ñuñoa', () => '1'), ...bloque('2020', 'Ñuñoa', () => '2')].map((f, i) => (i % 133 === 0 ? f : f.replace(/^\d+/, '')));
    const r = leerCiclo(largo(filas));
    expect(r.report.issues).toEqual([]);
    expect(r.ciclos!.map((c) => c.etiqueta)).toEqual(['2019', '2020']);
  });

  it('filas sin ciclo antes de la primera que lo dice: ciclo-faltante en esa celda', () => {
    const filas = [...bloque('', 'Ñuñoa', () => '1'), ...bloque('2020', 'Ñuñoa', () => '2')];
    expect(issues(largo(filas))).toEqual([['ciclo-faltante', 'A2']]);
  });

  it('resumen: un GORE una vez por ciclo', () => {
    expect(issues(libro([`GORE;${CRIT};Ciclo`, `Maule;${UNOS};1`, `Maule;${UNOS};2`, `Región del Maule;${UNOS};2`]))).toEqual([['gore-duplicado', 'A4']]);
  });

  it('calcular de varios ciclos: tablas con columna Ciclo y un resumen por ciclo; JSON por ciclo', () => {
    const r = leerCiclo(largo([...bloque('2019', 'Ñuñoa', () => '1'), ...bloque('2020', 'Ñuñoa', () => '2'), ...bloque('2020', 'Maipú', () => '4')]));
    const res = resultadoCalculoCiclos(r.ciclos!, r.ciclos!.map((c) => calcularCiclo(c)), { detalle: true, notas: [] });
    expect(res.tablas.map((t) => [t.nombre, t.filas.length])).toEqual([['ciclos', 2], ['criterios', 18], ['gores', 3], ['logro', 3], ['subcriterios', 3]]);
    expect(res.tablas[0].filas.map((f) => [f.ciclo, f.n, f.total])).toEqual([['2019', 1, 100], ['2020', 2, 300]]);
    expect(res.tablas[2].columnas.slice(0, 3).map((c) => c.titulo)).toEqual(['Ciclo', 'Rank.', 'Municipio']);
    const json = res.json as { entidades: unknown; ciclos: { ciclo: string; gores: { gore: string; ranking: number }[] }[] };
    expect(json.entidades).toEqual({ tipo: 'otra', titulo: 'Municipio' });
    expect(json.ciclos.map((c) => [c.ciclo, c.gores.map((g) => [g.gore, g.ranking])])).toEqual([['2019', [['Ñuñoa', 1]]], ['2020', [['Ñuñoa', 2], ['Maipú', 1]]]]);
  });
});

describe('comparar municipios', () => {
  const uno = (lineas: string[]) => leerCiclo(libro(lineas)).ciclo!;
  it('por nombre, en el orden del primer ciclo y luego del segundo', () => {
    const a = uno([`Municipio;${CRIT}`, `Maipú;${UNOS}`, `Ñuñoa;${UNOS}`]);
    const b = uno([`Comuna;${CRIT}`, `Lo Prado;${UNOS}`, `ñuñoa;2;2;2;2;2;2;2;2`]);
    const cmp = compararCiclos(a, b, ['A', 'B']);
    expect(cmp.gores.map((g) => [g.gore, g.presencia])).toEqual([['Maipú', 'solo-c1'], ['Ñuñoa', 'ambos'], ['Lo Prado', 'solo-c2']]);
    expect(cmp.total.mejora).toBeCloseTo(1.6, 10); // (16 − 8) / 500 × 100
  });
  it('GORE con municipios no se comparan', () => {
    const a = uno([`GORE;${CRIT}`, `Maule;${UNOS}`]);
    const b = uno([`Municipio;${CRIT}`, `Talca;${UNOS}`]);
    expect(entidadesComparables(a, b)).toMatch(/no son las mismas entidades/);
  });
});

describe('una hoja de modelo después de la tabla de detalle', () => {
  it('el libro se lee de nuevo con ese modelo', () => {
    const detalle = libro(['Región;Elemento;Puntaje', 'Maule;1.1.a;5', 'Maule;1.1.b;0', 'Maule;2.1.a;5']).sheets[0];
    const modelo = libro(['Criterio/Subcriterio;Nombre;Máximo;N° de elementos', '1;Uno;60;2', '1.1;Uno uno;60;2', '2;Dos;40;1', '2.1;Dos uno;40;1']).sheets[0];
    const wb: Workbook = { file: 'm.xlsx', format: 'xlsx', sheets: [{ ...detalle, name: 'Detalle' }, { ...modelo, name: 'Modelo' }], notes: [] };
    const r = leerCiclo(wb);
    expect(r.report.issues).toEqual([]);
    expect(r.ciclo!.modelo.maximo).toBe(100);
    expect(calcularCiclo(r.ciclo!).gores[0].total).toBe(70); // 60 × 5 / 10 + 40 × 5 / 5
  });
});
