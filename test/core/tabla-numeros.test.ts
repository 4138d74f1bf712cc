import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TablaNumeros } from '../../src/core/tabla-numeros.js';

describe('TablaNumeros', () => {
  it.each([
    ['cero', 0, 1],
    ['el mayor entero exacto', 2 ** 53 - 1, 2],
    ['una huella de 52 bits', 0x000f_1234_5678_9abc, 3.5],
    ['valor negativo', 7, -1],
    ['valor mayor que 2^32', 12, 2 ** 40 + 3],
  ])('%s: lo puesto se recupera', (_, clave, valor) => {
    const t = new TablaNumeros();
    expect(t.get(clave)).toBeUndefined();
    t.set(clave, valor);
    expect(t.get(clave)).toBe(valor);
    expect(t.size).toBe(1);
  });

  it.each([-1, 0.5, 2 ** 53, NaN, Infinity])('rechaza la clave %s', (clave) => {
    expect(() => new TablaNumeros().set(clave, 1)).toThrow(RangeError);
  });

  it('volver a poner una clave cambia su valor sin contarla dos veces', () => {
    const t = new TablaNumeros();
    t.set(5, 1);
    t.set(5, 2);
    expect([t.get(5), t.size]).toEqual([2, 1]);
  });

  it('claves que comparten los 32 bits bajos no se confunden', () => {
    const t = new TablaNumeros(16);
    for (let alto = 0; alto < 1000; alto++) t.set(alto * 2 ** 32 + 7, alto);
    for (let alto = 0; alto < 1000; alto++) expect(t.get(alto * 2 ** 32 + 7)).toBe(alto);
    expect(t.get(1000 * 2 ** 32 + 7)).toBeUndefined();
  });

  it('hace lo mismo que un Map, creciendo desde 16, para cualquier secuencia de set y get', () => {
    const clave = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.maxSafeInteger().map(Math.abs));
    const op = fc.record({ set: fc.boolean(), clave, valor: fc.double({ noNaN: true }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const t = new TablaNumeros(16);
        const m = new Map<number, number>();
        for (const o of ops) {
          if (o.set) {
            t.set(o.clave, o.valor);
            m.set(o.clave, o.valor);
          }
          expect(t.get(o.clave)).toBe(m.get(o.clave));
        }
        expect(t.size).toBe(m.size);
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });
});
