import { describe, expect, it } from 'vitest';
import { calcularCiclo, type Ciclo } from '../../src/autoevaluacion/calcular.js';
import { compararCiclos } from '../../src/autoevaluacion/comparar.js';
import { leerCiclo } from '../../src/autoevaluacion/leer.js';
import { resultadoComparacion } from '../../src/autoevaluacion/tablas.js';
import { renderTabla } from '../../src/render/tabla.js';
import type { Workbook } from '../../src/io/cell.js';
import { readCsv } from '../../src/io/read-csv.js';

/** A `;` CSV written inline, read by the real CSV reader. */
function libro(lineas: string[], file = 'prueba.csv'): Workbook {
  const { sheet } = readCsv(Buffer.from(lineas.join('\n'), 'utf8'), file, { delimiter: ';', encoding: 'utf-8' });
  return { file, format: 'csv', sheets: [sheet], notes: [] };
}
const HEAD = 'GORE;Criterio 1;Criterio 2;Criterio 3;Criterio 4;Criterio 5;Criterio 6;Criterio 7;Criterio 8';
const issues = (wb: Workbook) => leerCiclo(wb).report.issues.map((i) => [i.codigo, i.celda]);
function ciclo(wb: Workbook): Ciclo {
  const r = leerCiclo(wb);
  expect(r.report.issues).toEqual([]);
  return r.ciclo!;
}

describe('resumen', () => {
  it.each([
    // criterio 8, total escrito, válido: the first seven criterios add to 132
    ['27,4', '159', true], // written without decimals: 159 accepts 158,5–159,5
    ['27,4', '159,0', false], // written with one decimal: 159,0 accepts 158,95–159,05
    ['27,4', '159,4', true],
    ['27,4', '159,5', false],
    ['27,4', '160', false],
    ['27,6', '160', true],
    ['26,5', '158,5', true],
    ['27', '159', true],
  ])('criterio 8 = %s, total «%s» → válido %s', (c8, total, valido) => {
    const wb = libro([`${HEAD};Total`, `Coquimbo;15;10;20;25;30;19;13;${c8};${total}`]);
    const codes = leerCiclo(wb).report.issues.map((i) => i.codigo);
    expect(codes).toEqual(valido ? [] : ['total-inconsistente']);
  });

  it('un total entero acepta criterios con decimales a menos de medio punto', () => {
    expect(issues(libro([`${HEAD};Total`, 'Maule;15,2;10;20;25;30;19;13;27;159']))).toEqual([]);
    expect(issues(libro([`${HEAD};Total`, 'Maule;15,6;10;20;25;30;19;13;27;159']))).toEqual([['total-inconsistente', 'J2']]);
  });

  it('la fila de encabezados puede estar más abajo y las filas Promedio no son GORE', () => {
    const c = ciclo(libro(['Autoevaluación 2013', '', `N°;${HEAD};Total`, '1;Los Lagos;15;10;20;25;30;19;13;27;159', ';Promedio;15;10;20;25;30;19;13;27;159']));
    expect(c.gores.map((g) => g.entidad.nombre)).toEqual(['Los Lagos']);
  });

  it.each([
    ['46', 'puntaje-sobre-maximo'],
    ['-0,5', 'puntaje-negativo'],
    ['x', 'valor-no-numerico'],
    ['45%', 'valor-no-numerico'],
    ['', 'criterio-faltante'],
  ])('Liderazgo «%s» → %s en B2', (v, codigo) => {
    expect(issues(libro([HEAD, `Maule;${v};10;20;25;30;19;13;27`]))).toEqual([[codigo, 'B2']]);
  });

  it('un GORE escrito de dos maneras es un duplicado', () => {
    expect(issues(libro([HEAD, 'Ohiggins;1;1;1;1;1;1;1;1', 'VI;1;1;1;1;1;1;1;1']))).toEqual([['gore-duplicado', 'A3']]);
  });

  it('una fila con puntajes y sin GORE', () => {
    expect(issues(libro([HEAD, ';1;1;1;1;1;1;1;1']))).toEqual([['gore-faltante', null]]);
  });

  it('un archivo con varios ciclos los lee todos, en su orden', () => {
    const r = leerCiclo(libro([`${HEAD};Año`, 'Maule;1;1;1;1;1;1;1;1;2010', 'Biobío;1;1;1;1;1;1;1;1;2013', 'Maule;2;2;2;2;2;2;2;2;2013']));
    expect(r.report.issues).toEqual([]);
    expect(r.ciclo).toBeNull();
    expect(r.ciclos!.map((c) => [c.etiqueta, c.gores.map((g) => g.entidad.nombre)])).toEqual([['2010', ['Maule']], ['2013', ['Biobío', 'Maule']]]);
  });

  it('sin tabla reconocible', () => {
    expect(issues(libro(['a;b;c', '1;2;3']))).toEqual([['formato-no-reconocido', null]]);
  });
});

describe('detalle', () => {
  const largo = (filas: string[]) => libro(['GORE;Elemento;Puntaje', ...filas]);
  const todos = (gore: string, puntaje: (code: string) => string) => {
    const out: string[] = [];
    const n = [[9, 5, 5], [6, 3], [5, 3, 5, 5, 4], [4, 5, 7, 4], [9, 4, 4, 4], [3, 4, 2, 5], [6, 7, 3], [3, 2, 2, 3, 2]];
    n.forEach((subs, c) => subs.forEach((k, s) => { for (let e = 0; e < k; e++) { const code = `${c + 1}.${s + 1}.${String.fromCharCode(97 + e)}`; out.push(`${gore};${code};${puntaje(code)}`); } }));
    return out;
  };

  it('todo en 5 da el máximo de cada criterio y 500', () => {
    const r = calcularCiclo(ciclo(largo(todos('Maule', () => '5'))));
    expect(r.gores[0].criterios.map((c) => c.puntaje).map((p) => Math.round(p * 1e9) / 1e9)).toEqual([45, 40, 60, 75, 90, 50, 40, 100]);
    expect(r.gores[0].total).toBeCloseTo(500, 9);
  });

  it.each([
    ['7', 'puntaje-elemento-invalido'],
    ['2,5', 'puntaje-elemento-invalido'],
    ['-1', 'puntaje-elemento-invalido'],
    ['bueno', 'puntaje-elemento-invalido'],
    ['', 'elemento-faltante'],
  ])('1.1.c «%s» → %s en su celda', (v, codigo) => {
    const filas = todos('Maule', (c) => (c === '1.1.c' ? v : '3'));
    expect(issues(largo(filas))).toEqual([[codigo, 'C4']]);
  });

  it('un elemento que falta se nombra, en la celda del GORE', () => {
    const filas = todos('Maule', () => '3').filter((f) => !f.includes(';7.2.d;'));
    const r = leerCiclo(largo(filas)).report;
    expect(r.issues.map((i) => [i.codigo, i.celda, i.valor])).toEqual([['elemento-faltante', 'A2', '7.2.d']]);
  });

  it('elementos desconocidos y repetidos', () => {
    const filas = [...todos('Maule', () => '3'), 'Maule;1.1.j;3', 'Maule;2.2.a;4'];
    expect(issues(largo(filas)).map(([c]) => c)).toEqual(['elemento-desconocido', 'elemento-duplicado']);
  });

  it('forma ancha: una columna con una región desconocida', () => {
    expect(issues(libro(['Elemento;Maule;Gotham', '1.1.a;3;3'])).slice(0, 1)).toEqual([['region-desconocida', 'C1']]);
  });
});

describe('comparar con un GORE en un solo ciclo', () => {
  const c1 = () => ciclo(libro([HEAD, 'Maule;10;10;10;10;10;10;10;10', 'Biobío;20;20;20;20;20;20;20;20']));
  const c2 = () => ciclo(libro([HEAD, 'Región del Maule;20;20;20;20;20;20;20;20', 'Ñuble;40;40;40;40;40;40;40;40', 'VIII;20;20;20;20;20;20;20;20']));

  it('queda listado y fuera de los promedios', () => {
    const cmp = compararCiclos(c1(), c2(), ['A', 'B']);
    expect(cmp.goresComunes).toBe(2);
    expect(cmp.total.promedioC1).toBe(120); // (80 + 160) / 2
    expect(cmp.total.promedioC2).toBe(160); // Ñuble's 320 left out
    expect(cmp.total.mejora).toBeCloseTo(8, 10);
    const nuble = cmp.gores.find((g) => g.gore === 'Ñuble')!;
    expect([nuble.presencia, nuble.totalC1, nuble.totalC2, nuble.rankingC2, nuble.cambioRanking]).toEqual(['solo-c2', null, 320, 1, null]);
    const maule = cmp.gores.find((g) => g.gore === 'Maule')!;
    expect([maule.rankingC1, maule.rankingC2, maule.cambioRanking, maule.diferencia]).toEqual([2, 2, 0, 80]);
  });

  it('la salida lo dice', () => {
    const texto = renderTabla(resultadoComparacion(compararCiclos(c1(), c2(), ['2010', '2013']), ['a.csv', 'b.csv'], { barras: false, notas: [] }));
    expect(texto).toContain('Promedios de los 2 GORE presentes en ambos ciclos. Quedan fuera: Ñuble (solo en 2013).');
    expect(texto).toMatch(/│ Ñuble\s+│\s+│\s+320 │\s+│\s+│\s+1 │\s+│ solo en 2013 │/);
  });
});
