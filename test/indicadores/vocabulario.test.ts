import { describe, expect, it } from 'vitest';
import { parseEncabezado } from '../../src/indicadores/encabezados.js';
import { factorDeUnidad, parseAmbito, parseDimension, parseSentido } from '../../src/indicadores/vocabulario.js';

describe('parseEncabezado: the header grammar of year columns', () => {
  it.each([
    ['2010', { anio: 2010, tipo: 'efectivo', parte: 'valor' }],
    ['Efectivo 2010', { anio: 2010, tipo: 'efectivo', parte: 'valor' }],
    ['Numerador 2010', { anio: 2010, tipo: 'efectivo', parte: 'numerador' }],
    ['Meta 2012', { anio: 2012, tipo: 'meta', parte: 'valor' }],
    ['2012\nMeta', { anio: 2012, tipo: 'meta', parte: 'valor' }],
    ['Denominador Meta 2012', { anio: 2012, tipo: 'meta', parte: 'denominador' }],
    ['2011 Estima do', { anio: 2011, tipo: 'estimado', parte: 'valor' }],
    ['Numerador 2011\nEstimado', { anio: 2011, tipo: 'estimado', parte: 'numerador' }],
    ['DENOMINADOR  ESTIMACIÓN 2011', { anio: 2011, tipo: 'estimado', parte: 'denominador' }],
    ['Año 2009', { anio: 2009, tipo: 'efectivo', parte: 'valor' }],
  ])('%j → %o', (text, expected) => {
    expect(parseEncabezado(text)).toEqual({ kind: 'anio', ...expected });
  });

  it.each([
    ['Indicador', 'indicador'],
    ['Producto\nEstratégico', 'producto'],
    ['Dimensión/Ámbito', 'dimensionAmbito'],
    ['DIMENSIÓN / ÁMBITO', 'dimensionAmbito'],
    ['Ámbito de Control', 'ambito'],
    ['Ponderación', 'ponderacion'],
    ['Medios de Verificación', 'medios'],
    ['Fórmula de cálculo', 'formula'],
    // Combined headers (DOMAIN.md §1): the `/` joins two names of one field, or two fields of one cell.
    ['Servicio/Institución', 'servicio'],
    ['Servicio / Institución', 'servicio'],
    ['SERVICIO/\nINSTITUCIÓN', 'servicio'],
    ['Institución/Servicio', 'servicio'],
    ['Servicio/GORE', 'servicio'],
    ['Servicio / Gobierno Regional', 'servicio'],
    ['Dimensión/Ámbito de Control', 'dimensionAmbito'],
    ['Dimensión / Ámbito de control', 'dimensionAmbito'],
  ])('%j → campo %s', (text, campo) => {
    expect(parseEncabezado(text)).toEqual({ kind: 'campo', campo });
  });

  it.each(['', 'Observaciones 2010 y 2011', '2010-2011', 'Comentario 2010', 'Meta Estimado 2012'])('%j is not a known header', (text) => {
    expect(parseEncabezado(text)).toBeNull();
  });
});

describe('dimensión, ámbito and sentido accept the spellings of DOMAIN.md', () => {
  it.each([
    ['Eficacia', 'eficacia'],
    ['eficiencia', 'eficiencia'],
    ['Economía', 'economia'],
    ['ECONOMIA', 'economia'],
    ['Calidad de Servicio', 'calidad'],
    ['Calidad', 'calidad'],
    ['Impacto', null],
  ])('dimensión %j → %s', (t, e) => expect(parseDimension(t)).toBe(e));

  it.each([
    ['Proceso', 'proceso'],
    ['Productos', 'producto'],
    ['Productivo', 'producto'],
    ['Resultado Intermedio', 'resultado-intermedio'],
    ['Resultado Final o Impacto', 'resultado-final'],
    ['Resultado Final', 'resultado-final'],
    ['Resultado', 'resultado'],
    ['Impactante', null],
  ])('ámbito %j → %s', (t, e) => expect(parseAmbito(t)).toBe(e));

  it.each([
    ['Ascendente', 'ascendente'],
    ['descendente', 'descendente'],
    ['Creciente', 'ascendente'],
    ['-', 'descendente'],
    ['lateral', null],
  ])('sentido %j → %s', (t, e) => expect(parseSentido(t)).toBe(e));

  it.each([
    ['%', 100],
    ['Porcentaje', 100],
    ['número', 1],
    ['días', 1],
    ['por mil', 1000],
    ['', null],
  ])('unidad %j → factor %s', (t, e) => expect(factorDeUnidad(t)).toBe(e));
});
