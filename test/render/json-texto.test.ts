import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numeroTexto, roundForOutput } from '../../src/render/csv.js';
import { numeroJson, textoJson, TextoJsonRecordado } from '../../src/render/json-stream.js';
import { computeValor, cumplimientosDe, type CumplimientoAnual } from '../../src/indicadores/calcular.js';
import { IndicadorJson } from '../../src/indicadores/reporte.js';
import type { Celda, Indicador, Medicion, NumeroLeido } from '../../src/indicadores/schema.js';
import { AMBITOS, DIMENSIONES } from '../../src/indicadores/vocabulario.js';

/** What the calcular JSON says of one indicator, as an object: the rule IndicadorJson writes as text. */
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
  factor: fc.constantFrom(1, 100, 1000, 0.5),
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

  it('is String(roundForOutput(n)) for any number, and numeroJson is its JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), numero), (n) => {
        expect(numeroTexto(n)).toBe(String(roundForOutput(n)));
        expect(numeroJson(n)).toBe(JSON.stringify(Number.isFinite(n) ? roundForOutput(n) : null));
      }),
      { numRuns: 20_000 },
    );
    expect(numeroJson(null)).toBe('null');
    expect(numeroJson(undefined)).toBe('null');
    expect(numeroJson(Infinity)).toBe('null');
  });
});

describe('textoJson', () => {
  it('is JSON.stringify of any text, and of null', () => {
    fc.assert(fc.property(fc.oneof(texto, fc.string({ unit: 'binary' })), (s) => {
      expect(textoJson(s)).toBe(JSON.stringify(s));
    }), { numRuns: 5000 });
    expect(textoJson(null)).toBe('null');
  });

  it('TextoJsonRecordado gives the JSON of each text asked, repeated or not', () => {
    const t = new TextoJsonRecordado();
    for (const s of ['a', 'a', 'b"', null, null, 'a', 'Ñuñoa\n']) expect(t.of(s)).toBe(JSON.stringify(s));
  });
});

describe('IndicadorJson', () => {
  it('writes exactly JSON.stringify of the indicator as an object, for any indicator', () => {
    const cfg = { umbral: 95, sobrecumplimiento: 130 };
    const escritor = new IndicadorJson(); // one writer for every run: its remembered texts are exercised too
    fc.assert(
      fc.property(indicador, (ind) => {
        const cs = cumplimientosDe(ind, cfg);
        const texto = escritor.texto(ind, cs);
        expect(texto).toBe(JSON.stringify(referencia(ind, cs)));
        JSON.parse(texto);
      }),
      { numRuns: 3000 },
    );
  });
});
