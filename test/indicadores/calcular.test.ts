import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumero } from '../../src/core/numero-es.js';
import {
  computeCumplimiento,
  computeIncentivo,
  computeServicio,
  computeServicioDe,
  computeValor,
  estadoDe,
  CONFIG_DIPRES,
  ServicioEnCurso,
  type EntradaServicio,
} from '../../src/indicadores/calcular.js';
import type { Indicador, Medicion } from '../../src/indicadores/schema.js';
import { concuerda } from '../../src/indicadores/validar.js';

// DOMAIN.md §1 seed checks: the percentage as the seed prints it, from numerador/denominador.
describe('computeValor reproduces the seed percentages', () => {
  it.each([
    ['Coquimbo 2008', 152, 214, '71,0'],
    ['Coquimbo 2009', 242, 263, '92,0'],
    ['Coquimbo 2010', 262, 281, '93,2'],
    ['Coquimbo 2011 estimado', 247, 263, '93,9'],
    ['Coquimbo 2012 meta', 250, 262, '95,4'],
    ['Bío Bío 2008', 761, 928, '82,0'],
    ['Bío Bío 2009', 1078, 1142, '94,4'],
    ['Bío Bío 2010', 1045, 1095, '95,4'],
    ['Bío Bío 2011 estimado', 1020, 1020, '100,0'],
    ['Bío Bío 2012 meta', 960, 1000, '96,0'],
  ])('%s: %i/%i = %s %%', (_n, num, den, expected) => {
    expect(formatNumero(computeValor(num, den, 100)!, 1, 1)).toBe(expected);
  });

  it.each([
    [5, 0, 100, null],
    [null, 5, 100, null],
    [5, null, 1, null],
    [30, 4, 1, 7.5],
  ])('computeValor(%s, %s, %s) = %s', (num, den, factor, expected) => {
    expect(computeValor(num, den, factor)).toBe(expected);
  });
});

describe('computeCumplimiento', () => {
  it.each([
    [97, 95, 'ascendente', 102.10526315789474],
    [60, 80, 'ascendente', 75],
    [15, 18, 'descendente', 120],
    [20, 18, 'descendente', 90],
    [0, 0, 'ascendente', 100],
    [5, 0, 'ascendente', null],
  ] as const)('efectivo %d, meta %d, %s → %s', (efectivo, meta, sentido, expected) => {
    const r = computeCumplimiento(efectivo, meta, sentido);
    if (expected == null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(expected, 8);
  });
});

describe('a cumplimiento exactly at the umbral on paper is at the umbral', () => {
  it.each([
    // efectivo 19/24, meta 5/6: 95 % exactly; in binary (19/24·100)/(5/6·100)·100 is 94,99999999999997.
    [[19, 24], [5, 6], 'ascendente'],
    // efectivo 5/8, meta 25/38: 0,625 · 38 / 25 = 0,95.
    [[5, 8], [25, 38], 'ascendente'],
    // descendente: meta 5/6 over efectivo 50/57 → 0,95.
    [[50, 57], [5, 6], 'descendente'],
  ] as const)('efectivo %j, meta %j, %s → 95 and cumple', (ef, me, sentido) => {
    const efectivo = computeValor(ef[0], ef[1], 100)!;
    const meta = computeValor(me[0], me[1], 100)!;
    const c = computeCumplimiento(efectivo, meta, sentido)!;
    expect(c).toBe(95);
    expect(estadoDe(c, CONFIG_DIPRES)).toBe('cumple');
  });
});

describe('estadoDe', () => {
  it.each([
    [95, CONFIG_DIPRES, 'cumple'],
    [94.99, CONFIG_DIPRES, 'no-cumple'],
    [130, CONFIG_DIPRES, 'cumple'],
    [130.01, CONFIG_DIPRES, 'sobrecumplimiento'],
    [94, { umbral: 90, sobrecumplimiento: 130 }, 'cumple'],
    [200, { umbral: 95, sobrecumplimiento: 0 }, 'cumple'],
    // sobrecumplimiento is a cumple: never below the umbral, even with the thresholds crossed.
    [141.7, { umbral: 150, sobrecumplimiento: 130 }, 'no-cumple'],
    [151, { umbral: 150, sobrecumplimiento: 130 }, 'sobrecumplimiento'],
  ] as const)('%d with %o → %s', (c, cfg, expected) => {
    expect(estadoDe(c, cfg)).toBe(expected);
  });
});

describe('computeIncentivo (Ley 19.553)', () => {
  it.each([
    [100, 7.6],
    [90, 7.6],
    [89.99, 3.8],
    [75, 3.8],
    [74.99, 0],
    [0, 0],
  ])('%d %% → %d %%', (c, expected) => expect(computeIncentivo(c)).toBe(expected));
});

describe('concuerda: a stated value agrees to the precision it is written with', () => {
  it.each([
    [71, 0, 152 / 214 * 100, true],
    [71, 0, 70.5, true],
    [71, 0, 70.49, false],
    [81, 0, 152 / 214 * 100, false],
    [95.4, 1, 95.42, true],
    [95.4, 1, 95.46, false],
    [98, 2, 66247 / 67599 * 100, true],
    [0.7102803738317757 * 100, null, 152 / 214 * 100, true],
  ])('%d (%s decimals) vs %d → %s', (stated, decimals, computed, expected) => {
    expect(concuerda(stated, decimals, computed)).toBe(expected);
  });
});

function med(anio: number, tipo: Medicion['tipo'], numerador: number, denominador: number): Medicion {
  const celda = { sheet: 'S', address: 'A1', row: 1, col: 1 };
  return {
    anio,
    tipo,
    numerador: { value: numerador, decimals: 0, percent: false, celda },
    denominador: { value: denominador, decimals: 0, percent: false, celda },
    declarado: null,
    noAplica: false,
    ilegible: false,
  };
}

function ind(nombre: string, ponderacion: number | null, efectivo: [number, number] | null, meta: [number, number]): Indicador {
  return {
    servicio: 'S',
    producto: null,
    nombre,
    dimension: null,
    ambito: null,
    formula: null,
    unidad: '%',
    factor: 100,
    sentido: 'ascendente',
    ponderacion,
    celdaPonderacion: null,
    mediciones: [...(efectivo ? [med(2011, 'efectivo', ...efectivo)] : []), med(2011, 'meta', ...meta)],
    supuestos: null,
    notas: null,
    mediosVerificacion: null,
    extras: {},
    celda: { sheet: 'S', address: 'A1', row: 1, col: 1 },
  };
}

describe('computeServicio: Σ ponderación of the indicators that cumplen', () => {
  it.each([
    ['all cumplen', [ind('a', 50, [95, 100], [95, 100]), ind('b', 50, [90, 100], [90, 100])], 100, 7.6],
    ['one of 20 % fails', [ind('a', 80, [95, 100], [95, 100]), ind('b', 20, [50, 100], [90, 100])], 80, 3.8],
    ['no efectivo counts as not met', [ind('a', 30, [95, 100], [95, 100]), ind('b', 70, null, [90, 100])], 30, 0],
    ['94,9 % of the meta does not cumple', [ind('a', 100, [949, 1000], [100, 100])], 0, 0],
  ])('%s', (_n, inds, cumplimiento, incentivo) => {
    const s = computeServicio('S', inds, CONFIG_DIPRES);
    expect(s.anio).toBe(2011);
    expect(s.cumplimientoInstitucional).toBeCloseTo(cumplimiento, 10);
    expect(s.incentivo).toBe(incentivo);
  });

  it('gives no institutional compliance without weights', () => {
    const s = computeServicio('S', [ind('a', null, [95, 100], [95, 100])], CONFIG_DIPRES);
    expect(s.cumplimientoInstitucional).toBeNull();
    expect(s.cumplen).toBe(1);
  });
});

describe('institutional compliance from weights written with decimals', () => {
  // 55,3 + 8,71 + 10,99 is 75 on paper and 74,99999999999999 in binary: the 3,8 % tier, not 0.
  it('sums 55,3 + 8,71 + 10,99 to 75 and the 3,8 % incentive', () => {
    const cumple = { anio: 2012, efectivo: 100, meta: 100, cumplimiento: 100, estado: 'cumple' as const };
    const s = computeServicioDe('S', [55.3, 8.71, 10.99, 25.0].map((p, i) => ({ ponderacion: p, cumplimientos: i < 3 ? [cumple] : [{ ...cumple, efectivo: 50, cumplimiento: 50, estado: 'no-cumple' as const }] })));
    expect(s.cumplimientoInstitucional).toBe(75);
    expect(s.incentivo).toBe(3.8);
  });
});

describe('ServicioEnCurso: the institutional compliance kept as a few numbers per year', () => {
  /** The rule as DOMAIN.md states it, on the whole list: what the bounded accumulator must equal. */
  function porLista(entradas: EntradaServicio[], anio?: number) {
    let evaluado: number | null = anio ?? null;
    if (anio === undefined) for (const e of entradas) for (const c of e.cumplimientos) if (evaluado === null || c.anio > evaluado) evaluado = c.anio;
    let cumplen = 0;
    let noCumplen = 0;
    let obtenido = 0;
    const weighted = entradas.some((e) => e.ponderacion != null);
    for (const e of entradas) {
      const c = e.cumplimientos.find((x) => x.anio === evaluado);
      if (!c || c.estado == null) continue;
      if (c.estado === 'no-cumple') noCumplen++;
      else {
        cumplen++;
        obtenido += e.ponderacion ?? 0;
      }
    }
    return { anio: evaluado, cumplen, noCumplen, sinMedicion: entradas.length - cumplen - noCumplen, cumplimientoInstitucional: weighted && evaluado != null ? Number(obtenido.toPrecision(12)) : null };
  }

  const cumplimiento = fc.record({
    anio: fc.integer({ min: 2008, max: 2013 }),
    efectivo: fc.constant(1),
    meta: fc.constant(1),
    cumplimiento: fc.constant(1),
    estado: fc.constantFrom('cumple', 'no-cumple', 'sobrecumplimiento', null),
  });
  const entrada = fc.record({
    ponderacion: fc.option(fc.constantFrom(10, 8.71, 55.3, 10.99, 0.1, 25), { nil: null }),
    cumplimientos: fc.array(cumplimiento, { maxLength: 4 }),
  });

  it('equals the rule computed on the whole list, for any indicators and year', () => {
    fc.assert(
      fc.property(fc.array(entrada, { maxLength: 30 }), fc.option(fc.integer({ min: 2007, max: 2014 }), { nil: undefined }), (entradas, anio) => {
        const acc = new ServicioEnCurso('S');
        for (const e of entradas) acc.add(e as EntradaServicio);
        expect(acc.result(anio)).toMatchObject(porLista(entradas as EntradaServicio[], anio));
      }),
      { numRuns: 500 },
    );
  });
});
