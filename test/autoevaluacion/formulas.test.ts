import { describe, expect, it } from 'vitest';
import { porcentajeLogro, porcentajeMejora, promedio, puntajeSubcriterio, ranking } from '../../src/autoevaluacion/calcular.js';
import { codigosElementos, MODELO_INTEGRADO, totalElementos, totalSubcriterios } from '../../src/autoevaluacion/modelo.js';

describe('puntajeSubcriterio = máximo × Σ elementos / (5 × n° elementos)', () => {
  it.each([
    // máximo, puntajes, esperado
    [15, [5, 5, 5, 5, 5, 5, 5, 5, 5], 15],
    [15, [0, 0, 0, 0, 0, 0, 0, 0, 0], 0],
    [15, [0, 1, 2, 3, 4, 0, 1, 2, 3], (15 * 16) / 45],
    [20, [3, 2, 4], (20 * 9) / 15],
    [13.4, [1, 1, 1, 1, 1, 1], 2.68],
    [13.3, [5, 5, 5], 13.3],
    [18.75, [4, 4, 4, 4], 15],
    [22.5, [1, 2, 3, 4], 11.25],
  ])('máximo %s, elementos %j → %s', (max, xs, esperado) => {
    expect(puntajeSubcriterio(max, xs)).toBeCloseTo(esperado, 10);
  });
});

describe('% logro y % mejora', () => {
  it.each([
    [175.67, 500, 35.134],
    [103, 500, 20.6],
    [45, 45, 100],
    [0, 40, 0],
  ])('logro %s / %s → %s %%', (p, max, esperado) => expect(porcentajeLogro(p, max)).toBeCloseTo(esperado, 6));

  it.each([
    // seed: total (175,67 − 103) / 500 = 14,5 pp
    [103, 2635 / 15, 500, 14.5333],
    [9, 15, 45, 13.3333],
    [20, 10, 40, -25],
    [5, 5, 40, 0],
  ])('mejora de %s a %s sobre %s → %s pp', (a, b, max, esperado) => expect(porcentajeMejora(a, b, max)).toBeCloseTo(esperado, 3));
});

describe('promedio y ranking', () => {
  it.each([
    [[1, 2, 3], 2],
    [[103], 103],
    [[], null],
  ])('promedio %j → %s', (xs, esperado) => expect(promedio(xs)).toBe(esperado));

  it.each([
    [[10, 30, 20], [3, 1, 2]],
    [[159, 184, 159, 238], [3, 2, 3, 1]],
    [[5, 5, 5], [1, 1, 1]],
    [[1], [1]],
  ])('ranking %j → %j', (xs, esperado) => expect(ranking(xs)).toEqual(esperado));
});

describe('el modelo integrado (DOMAIN.md §2)', () => {
  it('tiene 8 criterios, 30 subcriterios, 133 elementos y 500 puntos', () => {
    expect(MODELO_INTEGRADO.criterios).toHaveLength(8);
    expect(totalSubcriterios(MODELO_INTEGRADO)).toBe(30);
    expect(totalElementos(MODELO_INTEGRADO)).toBe(133);
    expect(MODELO_INTEGRADO.maximo).toBe(500);
  });

  it.each([
    ['1', 45, 3, 19],
    ['2', 40, 2, 9],
    ['3', 60, 5, 22],
    ['4', 75, 4, 20],
    ['5', 90, 4, 21],
    ['6', 50, 4, 14],
    ['7', 40, 3, 16],
    ['8', 100, 5, 12],
  ])('criterio %s: máximo %s = Σ de sus %s subcriterios, %s elementos', (codigo, max, nSubs, nEl) => {
    const c = MODELO_INTEGRADO.criterios.find((x) => x.codigo === codigo)!;
    expect(c.maximo).toBe(max);
    expect(c.subcriterios).toHaveLength(nSubs);
    expect(c.subcriterios.reduce((a, s) => a + s.maximo, 0)).toBeCloseTo(max, 9);
    expect(c.subcriterios.reduce((a, s) => a + s.elementos, 0)).toBe(nEl);
  });

  it('7.1 vale 13,4 y 7.2 y 7.3 valen 13,3', () => {
    const c7 = MODELO_INTEGRADO.criterios[6].subcriterios.map((s) => s.maximo);
    expect(c7).toEqual([13.4, 13.3, 13.3]);
  });

  it.each([
    ['1.1', ['1.1.a', '1.1.b', '1.1.c', '1.1.d', '1.1.e', '1.1.f', '1.1.g', '1.1.h', '1.1.i']],
    ['8.2', ['8.2.a', '8.2.b']],
  ])('elementos de %s', (codigo, esperado) => {
    const s = MODELO_INTEGRADO.criterios.flatMap((c) => c.subcriterios).find((x) => x.codigo === codigo)!;
    expect(codigosElementos(s)).toEqual(esperado);
  });
});
