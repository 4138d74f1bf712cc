import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText, huella, huellaNormalizada, normalizeKey, normalizeWords, propio } from '../../src/core/text.js';

/** The rule normalizeWords implements (its fast path must give exactly this). */
const reference = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9ñ]+/g, ' ').trim();

describe('normalizeWords', () => {
  it.each([
    ['Administración  Financiera', 'administracion financiera'],
    ['ÑANDÚ ü', 'nandu u'],
    ['ABC def', 'abc def'],
    ['  hola--mundo  ', 'hola mundo'],
    ['Región de Los Ríos', 'region de los rios'],
    ['ß×÷ªº', ''],
    ['İstanbul', 'istanbul'],
    ['línea\nquebrada\u00a0aquí', 'linea quebrada aqui'],
  ])('%j → %j', (text, expected) => expect(normalizeWords(text)).toBe(expected));

  it('equals the reference rule on any text (Latin-1 fast path and the rest)', () => {
    const latin1 = fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
    fc.assert(fc.property(fc.oneof(latin1, fc.string({ unit: 'grapheme', maxLength: 30 })), (t) => {
      expect(normalizeWords(t)).toBe(reference(t));
    }), { numRuns: 2000 });
  });

  it('handles texts longer than its buffer', () => expect(normalizeWords(`${'Á'.repeat(5000)} b`)).toBe(`${'a'.repeat(5000)} b`));
});

describe('cleanText and normalizeKey', () => {
  it.each([
    [' a  b\nc ', 'a b c'],
    ['\tMeta\r\n2012 ', 'Meta 2012'],
    [' ab c ', 'ab c'],
  ])('cleanText(%j) → %j', (text, expected) => expect(cleanText(text)).toBe(expected));

  it('cleanText equals collapsing every whitespace run', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', '\u00a0', 'é', '\r', '\u000b', '\u0085', '\u2003', '\u202f', '\u3000', '\ufeff', '\u2028', 'Ñ'), maxLength: 20 }), (t) => {
      expect(cleanText(t)).toBe(t.replace(/[\s\u00a0]+/g, ' ').trim());
    }), { numRuns: 5000 });
  });

  it.each([
    ['Numerador\n2010', 'numerador2010'],
    ['Dimensión/Ámbito', 'dimension/ambito'],
  ])('normalizeKey(%j) → %j', (text, expected) => expect(normalizeKey(text)).toBe(expected));
});

describe('huella', () => {
  it('is a stable 53-bit integer that tells texts apart', () => {
    const h = huella('servicio\u0000indicador');
    expect(Number.isSafeInteger(h)).toBe(true);
    expect(h).toBeLessThan(2 ** 53);
    expect(huella('servicio\u0000indicador')).toBe(h);
    expect(huella('servicio\u0000indicadores')).not.toBe(h);
  });

  it('huellaNormalizada is huella of the normalised key, for any text (Latin-1 or not)', () => {
    const texto = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom(...' \t\nÁÉÍÓÚáéíóúÑñÜü°º.,;-/()aZ09€“'.split('')), maxLength: 40 }));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), texto, (p, t) => {
        expect(huellaNormalizada(p, t)).toBe(huella(`${p}\u0000${normalizeWords(t)}`));
      }),
      { numRuns: 1000 },
    );
    expect(huellaNormalizada('S', '  Porcentaje de  TRÁMITES ')).toBe(huellaNormalizada('S', 'porcentaje de tramites'));
  });

  it('huellaNormalizada over rows: a prefix repeated, changed, back, and non-Latin-1 names between', () => {
    const prefijo = fc.constantFrom('Servicio A', 'Servicio B', '', 'Servicio A ');
    const nombre = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Ind 1', 'Índice “x”', 'Ñ€'));
    fc.assert(
      fc.property(fc.array(fc.tuple(prefijo, nombre), { maxLength: 30 }), (filas) => {
        // Each row's prefix is a fresh string, as read from a file.
        for (const [p, t] of filas) expect(huellaNormalizada(`${p}.`.slice(0, -1), t)).toBe(huella(`${p}\u0000${normalizeWords(t)}`));
      }),
      { numRuns: 500 },
    );
  });

  it('200 000 indicator-like names give 200 000 fingerprints', () => {
    const seen = new Set<number>();
    for (let k = 0; k < 200_000; k++) seen.add(huella(`Servicio ${k % 16}\u0000porcentaje de solicitudes respondidas en plazo indicador ${k}`));
    expect(seen.size).toBe(200_000);
  });
});

describe('propio', () => {
  it.each([
    [null, null],
    ['', ''],
    ['corto', 'corto'],
    ['Servicio Nacional de Turismo', 'Servicio Nacional de Turismo'],
    ['Ñuñoa — Región Metropolitana de Santiago', 'Ñuñoa — Región Metropolitana de Santiago'],
  ])('propio(%j) is the same text', (s, esperado) => {
    expect(propio(s)).toBe(esperado);
  });

  it('a copy of a piece of a large text does not keep the large text alive', () => {
    // In a child with gc(): 40 texts of 4 MB, of each a 40-character piece kept. Kept as cut
    // (V8 sliced strings), the pieces hold the 160 MB; kept through propio, almost nothing.
    const text = fileURLToPath(new URL('../../dist/core/text.js', import.meta.url));
    const script = `
      const { propio } = await import(${JSON.stringify(text)});
      const medir = (copiar) => {
        globalThis.gc(); const antes = process.memoryUsage().heapUsed; const kept = [];
        for (let k = 0; k < 40; k++) { const big = String(k).padEnd(4e6, 'xyz' + k); kept.push(copiar(big.slice(1000, 1040))); }
        globalThis.gc(); const mb = (process.memoryUsage().heapUsed - antes) / 1e6; globalThis.kept = kept; return mb;
      };
      console.log(JSON.stringify({ cortado: medir((s) => s), propio: medir(propio) }));`;
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const mb = JSON.parse(r.stdout) as { cortado: number; propio: number };
    expect(mb.cortado).toBeGreaterThan(100); // the test measures what it claims to
    expect(mb.propio).toBeLessThan(10);
  });
});
