import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { parseFraccion, parseNumeroChileno, inferDecimalMark } from '../../src/io/numero-chileno.js';
import { readWorkbook } from '../../src/io/read-workbook.js';
// @ts-expect-error: a plain .mjs script, no types
import { xlsx } from '../../scripts/fixtures/lib/zip.mjs';

const RUNS = { numRuns: 200 };
const IO_RUNS = { numRuns: 40 };

/** Characters Chilean number cells are made of, and some that break them. */
const numberish = fc.string({ unit: fc.constantFrom(...'0123456789.,%-+ ()/*x\u00a0\u2212e'.split('')), maxLength: 24 });

describe('parseNumeroChileno y parseFraccion con entradas al azar', () => {
  it('nunca lanzan, con cualquier texto', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), numberish, fc.string({ unit: 'binary', maxLength: 20 })), (s) => {
        for (const decimal of [undefined, ',', '.'] as const) {
          const n = parseNumeroChileno(s, { decimal });
          if (n) expect(Number.isFinite(n.value)).toBe(true);
          parseFraccion(s, { decimal });
        }
        inferDecimalMark([s]);
      }),
      RUNS,
    );
  });

  const es = (digits: number) => new Intl.NumberFormat('es-CL', { minimumFractionDigits: digits, maximumFractionDigits: digits });

  it('devuelven el número que Intl.NumberFormat("es-CL") escribió', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), (int, digits, pct) => {
        const value = int / 10 ** digits;
        const text = es(digits).format(value) + (pct ? ' %' : '');
        // es-CL writes 1.234 for a thousand two hundred thirty-four: read dots as thousands.
        const n = parseNumeroChileno(text, { decimal: ',' });
        expect(n, text).not.toBeNull();
        expect(n!.value).toBeCloseTo(value, 9);
        expect(n!.percent).toBe(pct);
        expect(n!.decimals).toBe(digits);
      }),
      RUNS,
    );
  });

  it('una fracción escrita con números es-CL se lee como numerador y denominador', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 1, max: 1e7 }), (num, den) => {
        const f0 = es(0);
        const text = `${es(1).format((num / den) * 100)}% (${f0.format(num)}/${f0.format(den)})*100`;
        const f = parseFraccion(text, { decimal: ',' });
        expect(f, text).not.toBeNull();
        expect(f!.numerador.value).toBe(num);
        expect(f!.denominador.value).toBe(den);
        expect(f!.factor).toBe(100);
        expect(Math.abs(f!.stated!.value - (num / den) * 100)).toBeLessThanOrEqual(0.05 + 1e-9); // written with one decimal
      }),
      RUNS,
    );
  });
});

describe('readWorkbook con bytes al azar, zips truncados y CSV mutados', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pbr-prop-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Resolves with a workbook or rejects with an InputError; anything else fails the property. */
  async function readsOrRefuses(bytes: Uint8Array, ext: string): Promise<void> {
    const p = join(dir, `f${n++}.${ext}`);
    writeFileSync(p, bytes);
    try {
      const wb = await readWorkbook(p);
      expect(Array.isArray(wb.sheets)).toBe(true);
    } catch (err) {
      if (!(err instanceof InputError)) throw new Error(`${p}: se esperaba InputError, llegó ${(err as Error)?.name}: ${(err as Error)?.message}`);
      expect(err.message.startsWith(p)).toBe(true);
    } finally {
      rmSync(p, { force: true });
    }
  }

  it('bytes al azar (con y sin cabecera zip o PDF)', async () => {
    const prefix = fc.constantFrom(new Uint8Array(), Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), Uint8Array.from([0x50, 0x4b, 0x05, 0x06]), new TextEncoder().encode('%PDF'));
    await fc.assert(
      fc.asyncProperty(prefix, fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('xlsx', 'csv', 'txt'), async (head, body, ext) => {
        await readsOrRefuses(Buffer.concat([head, body]), ext);
      }),
      IO_RUNS,
    );
  });

  const base: Buffer = xlsx({ rows: [['Servicio', 'Indicador', 'Numerador 2010', 'Denominador 2010'], ['SII', 'Tasa de respuesta', 152, 214], ['SII', 'Cobertura', 1.5, 3]] });

  it('un .xlsx válido truncado en cualquier punto', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: base.length }), async (cut) => {
        await readsOrRefuses(base.subarray(0, cut), 'xlsx');
      }),
      IO_RUNS,
    );
  });

  it('un .xlsx válido con bytes cambiados al azar', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (edits) => {
        const b = Buffer.from(base);
        for (const [at, byte] of edits) b[at] = byte;
        await readsOrRefuses(b, 'xlsx');
      }),
      IO_RUNS,
    );
  });

  it('celdas al azar en un .xlsx se leen tal como se escribieron', async () => {
    // XML 1.0 cannot carry control characters; Excel escapes them, these fixtures do not.
    const text = fc.string({ maxLength: 30 }).map((t) => t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')).filter((t) => t.trim() !== '' && t === t.trim());
    const value = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), async (rows) => {
        const p = join(dir, `celdas${n++}.xlsx`);
        writeFileSync(p, xlsx({ rows }));
        const wb = await readWorkbook(p);
        rmSync(p);
        expect(wb.sheets[0].rows.map((r) => r.cells.map((c) => c?.value))).toEqual(rows.map((r) => r.map((v) => (Object.is(v, -0) ? 0 : v))));
      }),
      IO_RUNS,
    );
  });

  it('CSV con celdas al azar: comillas, separadores, saltos de línea, bytes de Windows-1252', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), numberish, fc.constantFrom('"', '""', ';', '\r\n', '\n', 'ñandú', 'Dimensión/Ámbito', '71 % (152/214)*100'));
    const csv = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(csv, fc.constantFrom(';', ',', '\t'), fc.boolean(), async (rows, sep, latin1) => {
        const text = rows.map((r) => r.join(sep)).join('\n');
        await readsOrRefuses(Buffer.from(text, latin1 ? 'latin1' : 'utf8'), 'csv');
      }),
      IO_RUNS,
    );
  });
});
