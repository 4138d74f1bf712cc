import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { LectorRegistros, lineBreakOf, type Registro } from '../../src/io/csv-registros.js';
import { DEFAULT_LIMITS } from '../../src/io/limits.js';
import { ComprobadorUtf8, readCsv } from '../../src/io/read-csv.js';
import { openRows } from '../../src/io/stream-rows.js';

/** The records of `text` fed in the pieces `cuts` splits it into. */
function leer(text: string, cuts: number[] = [], delimiter: ';' | ',' | '\t' = ';', limits = DEFAULT_LIMITS): Registro[] {
  const r = new LectorRegistros('x.csv', delimiter, lineBreakOf(text), limits);
  const out: Registro[] = [];
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    r.push(text.slice(from, c), out);
    from = c;
  }
  r.push(text.slice(from), out);
  r.end(out);
  return out;
}

const fields = (recs: Registro[]) => recs.map((r) => r.fields);

/** A field as Excel writes it: quoted when it holds the delimiter, a quote or a line break. */
const quote = (f: string, d: string) => (f.includes(d) || f.includes('"') || f.includes('\n') || f.includes('\r') ? `"${f.replace(/"/g, '""')}"` : f);

describe('LectorRegistros (papaparse por trozos)', () => {
  it.each([
    ['simple', 'a;b\n1;2\n', [['a', 'b'], ['1', '2']], [1, 2]],
    ['sin salto final', 'a;b\n1;2', [['a', 'b'], ['1', '2']], [1, 2]],
    ['CRLF', 'a;b\r\n1;2\r\n', [['a', 'b'], ['1', '2']], [1, 2]],
    ['CR de Mac antiguo', 'a;b\r1;2\r', [['a', 'b'], ['1', '2']], [1, 2]],
    ['comillas con separador y salto', 'a;"x;y\nz"\n1;2\n', [['a', 'x;y\nz'], ['1', '2']], [1, 3]],
    ['comillas duplicadas', 'a;"dijo ""sí"""\n', [['a', 'dijo "sí"']], [1]],
    ['comilla dentro de un campo sin comillas es texto', 'a;b"c;d\n', [['a', 'b"c', 'd']], [1]],
    ['campo entre comillas al final con CRLF', 'a;"b"\r\n1;"2"\r\n', [['a', 'b'], ['1', '2']], [1, 2]],
    ['línea vacía', 'a\n\nb\n', [['a'], [''], ['b']], [1, 2, 3]],
    ['BOM', '\ufeffa;b\n', [['a', 'b']], [1]],
    ['CRLF dentro de comillas cuenta una línea', '"a\r\nb";c\r\nd\r\n', [['a\r\nb', 'c'], ['d']], [1, 3]],
    ['un CR entre comillas no decide el salto de línea', 'a;"b\rc";x\nc;d\n', [['a', 'b\rc', 'x'], ['c', 'd']], [1, 3]],
  ])('%s', (_name, text, expected, lines) => {
    const recs = leer(text);
    expect(fields(recs)).toEqual(expected);
    expect(recs.map((r) => r.line)).toEqual(lines);
  });

  it('da los mismos registros que csv-parse en un CSV bien formado, corte donde se corte', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('', '"', '""', ';', ',', '\t', '\r\n', '\n', 'ñandú', '4.074', '71 % (152/214)*100', ' espacios '),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(';', ',', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, d, eol, rawCuts) => {
          // A record of one empty field is a blank line, which csv-parse and papaparse both give as [''].
          const text = rows.map((r) => r.map((f) => quote(f, d)).join(d)).join(eol) + eol;
          const cuts = rawCuts.map((c) => c % (text.length + 1));
          const expected = parse(text, { delimiter: d, relax_column_count: true, skip_empty_lines: false, record_delimiter: eol }) as string[][];
          expect(fields(leer(text, cuts, d as ';'))).toEqual(expected.map((r) => (r.length === 0 ? [''] : r)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('un trozo que termina entre la comilla de cierre y su \\r\\n no es una comilla mal puesta', () => {
    const text = 'a;"b"\r\n1;"2"\r\n';
    for (let cut = 0; cut <= text.length; cut++) expect(fields(leer(text, [cut]))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('una comilla de cierre seguida de texto termina la lectura con su línea', () => {
    expect(() => leer('a;b\n1;2\nx;"abc"def;y\n')).toThrow(InputError);
    expect(() => leer('a;b\n1;2\nx;"abc"def;y\n')).toThrow(/x\.csv, línea 3: una comilla de cierre va seguida de texto/);
  });

  it('una comilla que no se cierra antes del fin termina la lectura con la línea donde se abrió', () => {
    expect(() => leer('a;b\n1;"2\n3;4\n')).toThrow(/x\.csv, línea 2: un campo abre comillas y no las cierra antes del fin del archivo/);
  });

  const chico = { ...DEFAULT_LIMITS, maxLinea: 1000 };
  it('una línea más larga que el límite termina sin partirse una y otra vez', () => {
    const text = `a;b\n${';'.repeat(5000)}\n`;
    const cuts = Array.from({ length: 50 }, (_, k) => 4 + k * 100);
    expect(() => leer(text, cuts, ';', chico)).toThrow(/x\.csv, línea 2: la línea tiene más de 1\.000 caracteres/);
  });

  it('una línea más larga que el límite que termina dentro de un trozo también se rechaza', () => {
    const text = `a;b\n${'x'.repeat(1500)}\nc;d\n`;
    expect(() => leer(text, [], ';', chico)).toThrow(/x\.csv, línea 2: la línea tiene más de 1\.000 caracteres/);
    expect(() => leer(text, [700], ';', chico)).toThrow(/x\.csv, línea 2: la línea tiene más de 1\.000 caracteres/);
  });

  it('un registro entre comillas que pasa el límite habla de una comilla sin cerrar', () => {
    const text = `a;b\nx;"${'texto\n'.repeat(500)}`;
    const cuts = Array.from({ length: 30 }, (_, k) => 10 + k * 100);
    expect(() => leer(text, cuts, ';', chico)).toThrow(/x\.csv, línea 2: un registro del CSV supera 1\.000 caracteres \(¿una comilla sin cerrar\?\)/);
  });
});

describe('los dos lectores de CSV leen igual', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbr-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('entero y en flujo: mismas filas, celdas y líneas, en Windows-1252 con CRLF y campos de varias líneas', async () => {
    const lines = ['Servicio;Indicador;2011', ...Array.from({ length: 3000 }, (_, k) => `SII;"Porcentaje ""${k}""\r\nde trámites – año";${k % 7 === 0 ? '' : `${k},5 %`}`)];
    const bytes = Buffer.from(lines.join('\r\n').replace(/–/g, '\x96'), 'latin1');
    const p = join(dir, 'igual.csv');
    writeFileSync(p, bytes);
    const whole = readCsv(bytes, p).sheet.rows;
    const src = await openRows(p, { stream: 'always' });
    const streamed = [];
    for await (const s of src.sheets()) for await (const r of s.rows) streamed.push(r);
    const view = (rows: typeof whole) => rows.map((r) => [r.index, ...r.cells.map((c) => c && `${c.address}=${c.value}`)]);
    expect(view(streamed)).toEqual(view(whole));
    expect(whole[2].cells[1]?.value).toBe('Porcentaje "1"\r\nde trámites – año');
    expect(whole[2].index).toBe(4);
  });
});

describe('ComprobadorUtf8 (la codificación de un CSV grande, por trozos)', () => {
  const fatal = (b: Uint8Array) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b);
      return true;
    } catch {
      return false;
    }
  };
  const porTrozos = (b: Uint8Array, cuts: number[]) => {
    const c = new ComprobadorUtf8();
    let from = 0;
    for (const cut of [...cuts].sort((x, y) => x - y)) {
      c.push(b.subarray(from, cut));
      from = cut;
    }
    c.push(b.subarray(from));
    return c.end();
  };
  /** Text in UTF-8 (2-, 3- and 4-byte characters), its bytes sometimes mutated into what is not UTF-8. */
  const bytes = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', ';', 'é', 'Ñ', '°', '€', '–', '😀', '\n'), maxLength: 60 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    fc.tuple(fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀'), minLength: 1, maxLength: 30 }), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, i, v]) => {
      const b = new Uint8Array(Buffer.from(s, 'utf8'));
      b[i % b.length] = v;
      return b;
    }),
    fc.uint8Array({ maxLength: 40 }),
    fc.constantFrom(new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xc0, 0xaf]), new Uint8Array([0xf4, 0x90, 0x80, 0x80]), new Uint8Array([0xe2, 0x82])),
  );

  it('dice lo mismo que un TextDecoder fatal, corte donde se corte', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 6 }), (b, cuts) => {
        expect(porTrozos(b, cuts.map((c) => c % (b.length + 1)))).toBe(fatal(b));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['é partida entre dos trozos', [0xc3], [0xa9], true],
    ['€ partido en tres', [0xe2], [0x82], [0xac], true],
    ['😀 partido en cuatro', [0xf0], [0x9f], [0x98], [0x80], true],
    ['é de Windows-1252 (0xE9) seguida de texto', [0xe9, 0x61], false],
    ['un carácter sin terminar al final', [0x61, 0xe2, 0x82], false],
  ] as [string, ...(number[] | boolean)[]][])('%s', (_n, ...partes) => {
    const esperado = partes.pop() as boolean;
    const c = new ComprobadorUtf8();
    for (const p of partes as number[][]) c.push(new Uint8Array(p));
    expect(c.end()).toBe(esperado);
  });
});
