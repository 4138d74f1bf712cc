import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numeroTexto, roundForOutput } from '../../src/render/csv.js';
import { BytesJson, TextoBytesRecordado } from '../../src/render/json-bytes.js';
import { computeValor, cumplimientosDe, type CumplimientoAnual } from '../../src/indicadores/calcular.js';
import { IndicadorJson } from '../../src/indicadores/reporte.js';
import type { Celda, Indicador, Medicion, NumeroLeido } from '../../src/indicadores/schema.js';
import { AMBITOS, DIMENSIONES } from '../../src/indicadores/vocabulario.js';

/** What the calcular JSON says of one indicator, as an object: the rule IndicadorJson writes as bytes. */
function referencia(ind: Indicador, cumplimientos: CumplimientoAnual[]): unknown {
  const r = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? null : roundForOutput(n));
  return {
    servicio: ind.servicio,
    producto: ind.producto,
    nombre: ind.nombre,
    dimension: ind.dimension,
    ambito: ind.ambito,
    formula: ind.formula,
    sentido: ind.sentido,
    unidad: ind.unidad ?? (ind.factor === 100 ? '%' : ind.factor === 1 ? 'número' : `×${ind.factor}`),
    factor: ind.factor,
    ponderacion: r(ind.ponderacion),
    supuestos: ind.supuestos,
    notas: ind.notas,
    mediosVerificacion: ind.mediosVerificacion,
    celda: ind.celda.sheet ? `${ind.celda.sheet}!${ind.celda.address}` : ind.celda.address,
    valores: ind.mediciones.map((m) => ({
      anio: m.anio,
      tipo: m.tipo,
      numerador: r(m.numerador?.value),
      denominador: r(m.denominador?.value),
      valor: r(computeValor(m.numerador?.value ?? null, m.denominador?.value ?? null, ind.factor)),
      declarado: r(m.declarado?.value),
      noAplica: m.noAplica,
    })),
    cumplimiento: cumplimientos.map((c) => ({ anio: c.anio, efectivo: r(c.efectivo), meta: r(c.meta), cumplimiento: r(c.cumplimiento), estado: c.estado })),
  };
}

/** Texts with what JSON must escape: quotes, backslashes, control characters, lone and paired surrogates. */
const texto = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'aZ09 ÁéÑñ°"\\\n\t\u0000\u001f\u007f\u2028'.split(''), '\ud83d\ude00', '\ud800', '\udfff'), maxLength: 20 }),
  fc.constant('Servicio Público N° 1 del Gobierno Regional'),
);
const numero = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000),
  fc.constantFrom(0, -0, 0.1 + 0.2, 1e21, 1.5e-7, 123456789012.5, 1e12 + 0.25, 0.000001234, 2.9999999999999996),
);
const celda: fc.Arbitrary<Celda> = fc.record({ sheet: fc.oneof(fc.constant(''), texto), address: fc.constantFrom('A1', 'C2', 'XFD1048576'), row: fc.integer({ min: 1, max: 1_048_576 }), col: fc.integer({ min: 1, max: 16_384 }) });
const leido: fc.Arbitrary<NumeroLeido | null> = fc.option(fc.record({ value: numero, decimals: fc.option(fc.nat(6)), percent: fc.boolean(), celda }));
const medicion: fc.Arbitrary<Medicion> = fc.record({
  anio: fc.integer({ min: 1990, max: 2030 }),
  tipo: fc.constantFrom('efectivo', 'estimado', 'meta'),
  numerador: leido,
  denominador: leido,
  declarado: leido,
  noAplica: fc.boolean(),
  ilegible: fc.boolean(),
});
const indicador: fc.Arbitrary<Indicador> = fc.record({
  servicio: fc.option(texto),
  producto: fc.option(texto),
  nombre: texto.filter((t) => t.length > 0),
  dimension: fc.option(fc.constantFrom(...DIMENSIONES)),
  ambito: fc.option(fc.constantFrom(...AMBITOS)),
  formula: fc.option(texto),
  unidad: fc.option(texto),
  factor: fc.constantFrom(1, 100, 1000, 0.5, 1 / 3, 0.12345678901234, 1e-7),
  sentido: fc.constantFrom('ascendente', 'descendente'),
  ponderacion: fc.option(numero),
  celdaPonderacion: fc.option(celda),
  mediciones: fc.array(medicion, { maxLength: 8 }),
  supuestos: fc.option(texto),
  notas: fc.option(texto),
  mediosVerificacion: fc.option(texto),
  extras: fc.constant({}),
  celda,
});

describe('numeroTexto and numeroJson', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [69.2, '69.2'],
    [87.68833405078, '87.6883340508'],
    [2.9999999999999996, '3'],
    [-0.5, '-0.5'],
    [-0, '0'],
    [0.0000015, '0.0000015'],
    [1.5e-7, '1.5e-7'],
    [1234567890123.5, '1234567890120'],
    [1e21, '1e+21'],
    [NaN, 'NaN'],
  ])('numeroTexto(%d) = %s, as String(roundForOutput(n))', (n, esperado) => {
    expect(numeroTexto(n)).toBe(esperado);
    expect(numeroTexto(n)).toBe(String(roundForOutput(n)));
  });

  it('is String(roundForOutput(n)) for any number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), numero), (n) => {
        expect(numeroTexto(n)).toBe(String(roundForOutput(n)));
      }),
      { numRuns: 20_000 },
    );
  });
});

/** What a BytesJson writes with one call, as text. */
function escrito(f: (w: BytesJson) => void, w = new BytesJson(8)): string {
  w.empezar();
  f(w);
  return w.bytes().toString('utf8');
}

describe('BytesJson', () => {
  /** Numbers near every power of ten it tells apart, and near the ties of their 12th digit. */
  const bordes = fc.tuple(fc.integer({ min: -8, max: 12 }), fc.integer({ min: 1, max: 999_999_999_999 }), fc.constantFrom(0, 0.5, -0.5, 0.49995, 0.50005, 1e-9)).map(
    ([e, m, d]) => ((m + d) / 1e11) * 10 ** e,
  );
  const razon = fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(1, 100, 1000)).map(([a, b, f]) => (a / b) * f);

  it.each([
    [0.1 + 0.2, '0.3'],
    [87.68833405078, '87.6883340508'],
    [2.9999999999999996, '3'],
    [99.99999999999999, '100'],
    [-0.5, '-0.5'],
    [-0, '0'],
    [0.0000015, '0.0000015'],
    [0.000123456789012345, '0.000123456789012'],
    [1.5e-7, '1.5e-7'],
    [4074, '4074'],
    [-2147483647, '-2147483647'],
    [2147483648, '2147483648'],
    [1234567890123.5, '1234567890120'],
    [1e21, '1e+21'],
    [NaN, 'null'],
    [Infinity, 'null'],
    [null, 'null'],
    [undefined, 'null'],
  ])('numero(%s) writes %s', (n, esperado) => {
    expect(escrito((w) => w.numero(n))).toBe(esperado);
  });

  it('numero writes JSON.stringify(roundForOutput(n)) for any number', () => {
    const w = new BytesJson(8); // one writer for every run: it grows and starts over
    fc.assert(
      fc.property(fc.oneof(fc.double(), numero, bordes, razon, razon.map((x) => -x)), (n) => {
        expect(escrito((x) => x.numero(n), w)).toBe(JSON.stringify(Number.isFinite(n) ? roundForOutput(n) : null));
      }),
      { numRuns: 50_000 },
    );
  });

  it('texto writes JSON.stringify of any text, and of null', () => {
    const w = new BytesJson(8);
    fc.assert(fc.property(fc.oneof(texto, fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', minLength: 100, maxLength: 3000 })), (s) => {
      expect(escrito((x) => x.texto(s), w)).toBe(JSON.stringify(s));
    }), { numRuns: 5000 });
    expect(escrito((x) => x.texto(null))).toBe('null');
  });

  it.each([[1 / 3], [0.12345678901234], [2012], [-0], [1e-7], [2 ** 40], [NaN]])('crudo(%d) writes the number as it is, as JSON.stringify', (n) => {
    expect(escrito((w) => w.crudo(n))).toBe(JSON.stringify(n));
  });

  it('pieces written one after another are one text', () => {
    expect(escrito((w) => {
      w.texto('Ñuble');
      w.numero(0.1 + 0.2);
      w.lit(Buffer.from('false'));
      w.texto('"');
      w.numero(12);
    })).toBe('"Ñuble"0.3false"\\""12');
  });

  it('TextoBytesRecordado gives the JSON bytes of each text asked, repeated or not', () => {
    const t = new TextoBytesRecordado();
    for (const s of ['a', 'a', 'b"', null, null, 'a', 'Ñuñoa\n']) expect(t.of(s).toString('utf8')).toBe(JSON.stringify(s));
  });
});

describe('IndicadorJson', () => {
  it('writes exactly JSON.stringify of the indicator as an object, for any indicator', () => {
    const cfg = { umbral: 95, sobrecumplimiento: 130 };
    const escritor = new IndicadorJson(); // one writer for every run: its remembered texts are exercised too
    fc.assert(
      fc.property(indicador, (ind) => {
        const cs = cumplimientosDe(ind, cfg);
        const texto = escritor.bytes(ind, cs).toString('utf8');
        expect(texto).toBe(JSON.stringify(referencia(ind, cs)));
        JSON.parse(texto);
      }),
      { numRuns: 3000 },
    );
  });
});
