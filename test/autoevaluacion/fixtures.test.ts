import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calcularCiclo, puntajeSubcriterio, type Ciclo } from '../../src/autoevaluacion/calcular.js';
import { compararCiclos } from '../../src/autoevaluacion/comparar.js';
import { leerCiclo, type LecturaCiclo } from '../../src/autoevaluacion/leer.js';
import { cellText } from '../../src/io/cell.js';
import { readWorkbook } from '../../src/io/read-workbook.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'autoevaluacion');
async function leer(nombre: string): Promise<LecturaCiclo> {
  return leerCiclo(await readWorkbook(join(DIR, nombre)));
}
async function ciclo(nombre: string): Promise<Ciclo> {
  const r = await leer(nombre);
  expect(r.report.issues.filter((i) => i.severidad === 'error')).toEqual([]);
  return r.ciclo!;
}
const r1 = (x: number) => Math.round(x * 10) / 10;

// The seed (SUBDERE, comparación ciclo 1 (2010) y ciclo 2 (2013)), as printed.
const SEED_TOTALES: [string, number, number][] = [
  ['Arica y Parinacota', 69, 159], ['Tarapacá', 87, 184], ['Antofagasta', 120, 185], ['Atacama', 156, 159],
  ['Coquimbo', 153, 238], ['Valparaíso', 114, 159], ['Metropolitana', 81, 201], ["O'Higgins", 88, 178],
  ['Maule', 118, 167], ['Biobío', 127, 163], ['La Araucanía', 77, 152], ['Los Ríos', 104, 154],
  ['Los Lagos', 102, 206], ['Aysén', 74, 176], ['Magallanes', 75, 154],
];
// criterio: promedio C1, promedio C2, máximo, % logro C2, % mejora
const SEED_TABLA: [string, number, number, number, number, number][] = [
  ['1', 9, 15, 45, 33, 13.8], ['2', 5, 10, 40, 25, 13.1], ['3', 15, 23, 60, 39, 14.1], ['4', 18, 29, 75, 38, 14.0],
  ['5', 23, 34, 90, 37, 11.5], ['6', 15, 21, 50, 43, 13.3], ['7', 7, 15, 40, 37, 19.8], ['8', 12, 29, 100, 29, 17.1],
];

describe('los dos ciclos del seed (ciclo-2010.xlsx, ciclo-2013.csv)', () => {
  it('cada GORE, escrito distinto en cada ciclo, tiene el total validado del seed', async () => {
    const [c1, c2] = [await ciclo('ciclo-2010.xlsx'), await ciclo('ciclo-2013.csv')];
    const totales = (c: Ciclo) => Object.fromEntries(calcularCiclo(c).gores.map((g) => [g.gore, g.total]));
    expect(totales(c1)).toEqual(Object.fromEntries(SEED_TOTALES.map(([g, t]) => [g, t])));
    expect(totales(c2)).toEqual(Object.fromEntries(SEED_TOTALES.map(([g, , t]) => [g, t])));
    expect([c1.etiqueta, c2.etiqueta]).toEqual(['2010', '2013']);
  });

  it('la comparación reproduce la fila Total del seed: 103, 175 (175,67), 500, 35 %, 14,5 %', async () => {
    const cmp = compararCiclos(await ciclo('ciclo-2010.xlsx'), await ciclo('ciclo-2013.csv'), ['2010', '2013']);
    expect(cmp.goresComunes).toBe(15);
    expect(cmp.total.promedioC1).toBeCloseTo(103, 10);
    expect(cmp.total.promedioC2).toBeCloseTo(175.67, 2);
    expect(Math.trunc(cmp.total.promedioC2!)).toBe(175); // as the seed prints it
    expect(cmp.total.maximo).toBe(500);
    expect(Math.round(cmp.total.logroC2!)).toBe(35);
    expect(r1(cmp.total.mejora!)).toBe(14.5);
  });

  it.each(SEED_TABLA)('criterio %s: promedio C1 %s, promedio C2 %s, máximo %s, %s %% logro C2 y %s %% mejora, como el seed', async (codigo, p1, p2, max, logro, mejora) => {
    const cmp = compararCiclos(await ciclo('ciclo-2010.xlsx'), await ciclo('ciclo-2013.csv'), ['2010', '2013']);
    const f = cmp.criterios.find((x) => x.codigo === codigo)!;
    expect([Math.round(f.promedioC1!), Math.round(f.promedioC2!), f.maximo, Math.round(f.logroC2!), r1(f.mejora!)]).toEqual([p1, p2, max, logro, mejora]);
  });

  it('los lugares de cada ciclo y su cambio', async () => {
    const cmp = compararCiclos(await ciclo('ciclo-2010.xlsx'), await ciclo('ciclo-2013.csv'), ['2010', '2013']);
    const coquimbo = cmp.gores.find((g) => g.gore === 'Coquimbo')!;
    // 2010: Atacama 156 is first, Coquimbo 153 second; 2013: Coquimbo 238 first.
    expect([coquimbo.rankingC1, coquimbo.rankingC2, coquimbo.cambioRanking, coquimbo.diferencia]).toEqual([2, 1, 1, 85]);
    const empatados = cmp.gores.filter((g) => g.totalC2 === 159).map((g) => g.rankingC2);
    expect(empatados).toEqual([10, 10, 10]); // Arica, Atacama, Valparaíso share 10th
  });
});

describe('detalle: puntajes por elemento', () => {
  // Coquimbo's element scores as the fixture writes them (checked against the raw cells below).
  const COQUIMBO = {
    '1.1': [0, 1, 2, 3, 4, 0, 1, 2, 3],
    '1.2': [4, 0, 1, 2, 3],
    '1.3': [4, 0, 1, 2, 3],
    '7.1': [0, 1, 2, 3, 4, 0],
    '7.2': [1, 2, 3, 4, 0, 1, 2],
    '7.3': [3, 4, 0],
  };

  it('las celdas del libro son las de la mano', async () => {
    const wb = await readWorkbook(join(DIR, 'detalle-2013.xlsx'));
    const rows = wb.sheets[0].rows.filter((r) => cellText(r.cells[0]) === 'Coquimbo');
    const porCodigo = Object.fromEntries(rows.map((r) => [cellText(r.cells[2]), r.cells[3]!.value]));
    for (const [sub, xs] of Object.entries(COQUIMBO)) xs.forEach((x, i) => expect(porCodigo[`${sub}.${String.fromCharCode(97 + i)}`]).toBe(x));
  });

  it.each(['detalle-2013.xlsx', 'detalle-ancho.csv'])('%s: criterios 1 y 7 de Coquimbo como a mano', async (nombre) => {
    const r = calcularCiclo(await ciclo(nombre));
    const coq = r.gores.find((g) => g.gore === 'Coquimbo')!;
    // 1.1: 15 × 16 / (5 × 9); 1.2: 15 × 10 / (5 × 5); 1.3: 15 × 10 / (5 × 5)
    expect(coq.criterios[0].puntaje).toBeCloseTo((15 * 16) / 45 + (15 * 10) / 25 + (15 * 10) / 25, 10);
    expect(coq.criterios[0].puntaje).toBeCloseTo(17.3333, 4);
    // 7.1: 13,4 × 10 / 30; 7.2: 13,3 × 13 / 35; 7.3: 13,3 × 7 / 15
    expect(coq.criterios[6].puntaje).toBeCloseTo((13.4 * 10) / 30 + (13.3 * 13) / 35 + (13.3 * 7) / 15, 10);
    expect(coq.criterios[6].puntaje).toBeCloseTo(15.6133, 4);
    expect(coq.subcriterios!.find((s) => s.codigo === '7.2')!.puntaje).toBeCloseTo(puntajeSubcriterio(13.3, COQUIMBO['7.2']), 10);
    expect(coq.total).toBeCloseTo(coq.criterios.reduce((a, c) => a + c.puntaje, 0), 10);
  });

  it('la forma larga (GORE combinado hacia abajo) y la ancha dan lo mismo', async () => {
    const a = calcularCiclo(await ciclo('detalle-2013.xlsx'));
    const b = calcularCiclo(await ciclo('detalle-ancho.csv'));
    expect(b.gores.map((g) => [g.gore, g.total])).toEqual(a.gores.map((g) => [g.gore, g.total]));
    expect(a.gores.map((g) => g.gore)).toEqual(['Coquimbo', 'Biobío', 'Los Lagos']);
  });

  it('modelo propio del libro: Maule como a mano', async () => {
    const c = await ciclo('modelo-propio.xlsx');
    expect(c.modelo.maximo).toBe(100);
    const maule = calcularCiclo(c).gores.find((g) => g.gore === 'Maule')!;
    // 1.1: 30 × (5+4+3) / 15 = 24; 1.2: 30 × (2+1) / 10 = 9; 2.1: 40 × (0+5) / 10 = 20
    expect(maule.criterios.map((x) => x.puntaje)).toEqual([33, 20]);
    expect(maule.logro).toBe(53);
  });
});

describe('cada libro inválido se detecta con su celda', () => {
  it.each([
    ['invalido-sobre-maximo.xlsx', [['puntaje-sobre-maximo', 'Resumen!C8', 50]]],
    ['invalido-total.csv', [['total-inconsistente', 'L6', 240]]],
    ['invalido-region.xlsx', [['region-desconocida', 'Resumen!A12', 'Región de Springfield']]],
    ['invalido-elemento-7.xlsx', [['puntaje-elemento-invalido', 'Detalle!D10', 7]]],
    ['invalido-modelo.xlsx', [['modelo-maximo-inconsistente', 'Modelo!C2', 60]]],
    ['invalido-varios.csv', [['criterio-faltante', null, '8. Resultados'], ['gore-duplicado', 'A3', 'VIII'], ['puntaje-negativo', 'B4', -1], ['valor-no-numerico', 'C5', 'n/a']]],
  ] as const)('%s', async (nombre, esperados) => {
    const { report, ciclo: c } = await leer(nombre);
    expect(report.valido).toBe(false);
    expect(c).toBeNull();
    expect(report.issues.map((i) => [i.codigo, i.celda, i.valor])).toEqual(esperados);
    for (const i of report.issues) expect(i.mensaje).toMatch(/^[A-ZÁÉÍÓÚÑ«]/);
  });

  it('criterio-faltante señala la fila de encabezados', async () => {
    const { report } = await leer('invalido-varios.csv');
    expect(report.issues[0].fila).toBe(1);
  });
});
