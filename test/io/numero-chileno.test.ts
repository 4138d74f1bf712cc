import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inferDecimalMark, parseFraccion, parseNumeroChileno, type DecimalMark } from '../../src/io/numero-chileno.js';

type Caso = [texto: string, value: number, percent: boolean, decimals: number, ambiguous: boolean, mark: DecimalMark | null];

describe('parseNumeroChileno', () => {
  it.each<Caso>([
    // texto            value        %      dec  ambiguous mark
    ['1.234,5',         1234.5,      false, 1,   false,    ','],
    ['95,3%',           95.3,        true,  1,   false,    ','],
    ['95,30%',          95.3,        true,  2,   false,    ','],
    ['71 %',            71,          true,  0,   false,    null],
    ['71\u00a0%',       71,          true,  0,   false,    null],
    ['100%',            100,         true,  0,   false,    null],
    ['13,8',            13.8,        false, 1,   false,    ','],
    ['7.1 %',           7.1,         true,  1,   false,    '.'],
    ['1.234.567,89',    1234567.89,  false, 2,   false,    ','],
    ['1.234.567',       1234567,     false, 0,   false,    ','],
    ['1,234.5',         1234.5,      false, 1,   false,    '.'],
    ['1,234,567',       1234567,     false, 0,   false,    '.'],
    ['-3,5',            -3.5,        false, 1,   false,    ','],
    ['\u22123,5',       -3.5,        false, 1,   false,    ','],
    ['+4',              4,           false, 0,   false,    null],
    ['1.234',           1234,        false, 0,   true,     null],
    ['12.345',          12345,       false, 0,   true,     null],
    ['0.710',           0.71,        false, 3,   false,    '.'],
    ['0,710',           0.71,        false, 3,   false,    ','],
    ['1.23',            1.23,        false, 2,   false,    '.'],
    ['1234.567',        1234.567,    false, 3,   false,    '.'],
    ['1 234 567',       1234567,     false, 0,   false,    null],
    ['  152  ',         152,         false, 0,   false,    null],
    ['0',               0,           false, 0,   false,    null],
    [',5',              0.5,         false, 1,   false,    ','],
  ])('%j → %d (%% %s, %d decimales, ambiguo %s, marca %s)', (texto, value, percent, decimals, ambiguous, mark) => {
    expect(parseNumeroChileno(texto)).toEqual({ value, percent, decimals, ambiguous, mark });
  });

  it.each<[string, DecimalMark, number, number]>([
    ['1.234', ',', 1234, 0],
    ['1.234', '.', 1.234, 3],
    ['12.345', '.', 12.345, 3],
    ['1.234,5', '.', 1234.5, 1], // not ambiguous: the option does not apply
    ['7.1', ',', 7.1, 1],
  ])('%j con {decimal: %j} → %d', (texto, decimal, value, decimals) => {
    expect(parseNumeroChileno(texto, { decimal })).toMatchObject({ value, decimals });
  });

  it.each(['', '   ', 'abc', '1.2.3', '12,3,4', '1.234,', '1.23.456', '12,34.5', '1e3', '% 12', '5.', '1 23', 'ciento cincuenta', '71 % (152/214)*100'])(
    '%j no es un número',
    (texto) => {
      expect(parseNumeroChileno(texto)).toBeNull();
    },
  );
});

describe('parseFraccion', () => {
  it.each<[string, number | null, number | null, number, number, number | null]>([
    // texto                       stated  decimals num     den    factor
    ['71 % (152/214)*100',         71,     0,       152,    214,   100],
    ['71 % (152/214) * 100',       71,     0,       152,    214,   100],
    ['98,00% (66247 /67599)',      98,     2,       66247,  67599, null],
    ['(2.300/6.434)',              null,   null,    2300,   6434,  null],
    ['7.1 % (28.0/392.0)*100',     7.1,    1,       28,     392,   100],
    ['( 152 / 214 )',              null,   null,    152,    214,   null],
    ['(152/0)',                    null,   null,    152,    0,     null],
  ])('%j → %s (%d/%d)', (texto, stated, decimals, num, den, factor) => {
    const f = parseFraccion(texto);
    expect(f).not.toBeNull();
    expect(f!.stated?.value ?? null).toBe(stated);
    expect(f!.stated?.decimals ?? null).toBe(decimals);
    expect(f!.numerador.value).toBe(num);
    expect(f!.denominador.value).toBe(den);
    expect(f!.factor).toBe(factor);
  });

  it('reads the seed fractions to the values DOMAIN.md prints', () => {
    const pct = (t: string) => {
      const f = parseFraccion(t)!;
      return Math.round((f.numerador.value / f.denominador.value) * 1000) / 10;
    };
    expect(pct('71 % (152/214)*100')).toBe(71.0);
    expect(pct('98,00% (66247 /67599)')).toBe(98.0);
    expect(pct('(2.300/6.434)')).toBe(35.7);
    expect(pct('7.1 % (28.0/392.0)*100')).toBe(7.1);
  });

  it('marks the thousands dots of (2.300/6.434) as ambiguous, and {decimal: "."} reads them as decimals', () => {
    const f = parseFraccion('(2.300/6.434)')!;
    expect(f.numerador.ambiguous).toBe(true);
    expect(f.denominador.ambiguous).toBe(true);
    const g = parseFraccion('(2.300/6.434)', { decimal: '.' })!;
    expect(g.numerador.value).toBe(2.3);
    expect(g.denominador.value).toBe(6.434);
  });

  it.each(['71 %', '152/214', 'abc (1/2)', '(1/2/3)', '(a/b)', '71 % (152/)', '', '(152/214) ahora'])('%j no es un valor con fracción', (texto) => {
    expect(parseFraccion(texto)).toBeNull();
  });
});

describe('inferDecimalMark', () => {
  it.each<[string[], DecimalMark | null]>([
    [['1.234', '13,8'], ','],
    [['1.234', '7.1'], '.'],
    [['1.234'], null],
    [['1.234', '1.000', '152'], null],
    [['abc', ''], null],
    [['95,3%', '71 %', '1.234'], ','],
    [['7.1 %', '0.710', '1,234.5'], '.'],
    [['(2.300/6.434)', '98,00% (66247 /67599)'], ','],
    [['7.1 % (28.0/392.0)*100'], '.'],
    [['71 % (152/214)*100', '92 % (242/263)*100'], null],
    [['1,5', '2.5'], ','], // a tie goes to the Chilean comma
  ])('%j → %s', (textos, mark) => {
    expect(inferDecimalMark(textos)).toBe(mark);
  });

  it('takes any iterable (a column read lazily)', () => {
    function* columna() {
      yield '1.078';
      yield '95,4%';
    }
    expect(inferDecimalMark(columna())).toBe(',');
  });
});

describe('parseNumeroChileno: the one-pass shortcut for 136 and 4.074', () => {
  // The rule the shortcut replaces, as regular expressions: same result for any text of digits and dots.
  const referencia = (t: string, decimal: DecimalMark) => {
    if (/^\d{1,15}$/.test(t)) return { value: Number(t), percent: false, decimals: 0, ambiguous: false, mark: null };
    if (/^[1-9]\d{0,2}\.\d{3}$/.test(t)) return { value: decimal === ',' ? Number(t.replace('.', '')) : Number(t), percent: false, decimals: decimal === ',' ? 0 : 3, ambiguous: true, mark: null };
    return 'general';
  };
  const digitosYPuntos = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '.', ' ', ','), maxLength: 18 });
  const miles = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${String(b).padStart(3, '0')}`);
  const entero = fc.bigInt({ min: 0n, max: 10n ** 16n }).map(String);

  it('agrees with the regular expressions, for either decimal mark', () => {
    fc.assert(
      fc.property(fc.oneof(digitosYPuntos, miles, entero), fc.constantFrom<DecimalMark>(',', '.'), (t, decimal) => {
        const ref = referencia(t, decimal);
        if (ref !== 'general') expect(parseNumeroChileno(t, { decimal })).toEqual(ref);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['007', 7, false],
    ['999999999999999', 999999999999999, false],
    ['0.074', 0.074, false], // a leading 0 is a decimal, not thousands: the general path
    ['4.074', 4074, true],
  ])('%s → %d', (t, value, ambiguous) => {
    expect(parseNumeroChileno(t)).toMatchObject({ value, ambiguous });
  });
});
