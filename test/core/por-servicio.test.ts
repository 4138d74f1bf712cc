import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PorServicio } from '../../src/core/por-servicio.js';

describe('PorServicio', () => {
  it.each([
    [['A', 'A', 'B', 'A'], ['A', 'B']],
    [[null, 'A', null], [null, 'A']],
    [['A', 'B', 'A', 'B', 'C'], ['A', 'B', 'C']],
    [[], []],
  ])('%j → one entry each, in order of first appearance: %j', (filas, claves) => {
    const creados: (string | null)[] = [];
    const p = new PorServicio((s) => {
      creados.push(s);
      return { s, n: 0 };
    });
    for (const f of filas) p.de(f).n++;
    expect(creados).toEqual(claves);
    expect([...p.entries()].map(([k, v]) => [k, v.s, v.n])).toEqual(claves.map((k) => [k, k, filas.filter((f) => f === k).length]));
  });

  it('gives the same entry for equal texts that are different strings, in any order of rows', () => {
    const nombre = fc.constantFrom<string | null>('Servicio Público N° 1 del Gobierno Regional', 'Servicio Público N° 2 del Gobierno Regional', 'S', null);
    fc.assert(
      fc.property(fc.array(nombre, { maxLength: 60 }), (filas) => {
        const p = new PorServicio(() => ({ n: 0 }));
        const esperado = new Map<string | null, number>();
        // Each row's text is a fresh string, as the CSV reader gives them.
        for (const f of filas) {
          p.de(f === null ? null : `${f} `.slice(0, -1)).n++;
          esperado.set(f, (esperado.get(f) ?? 0) + 1);
        }
        expect([...p.entries()].map(([k, v]) => [k, v.n])).toEqual([...esperado]);
      }),
    );
  });
});
