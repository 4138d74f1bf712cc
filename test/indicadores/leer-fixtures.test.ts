import { describe, expect, it } from 'vitest';
import { formatNumero } from '../../src/core/numero-es.js';
import { IssueCollector } from '../../src/core/report.js';
import { readWorkbook } from '../../src/io/read-workbook.js';
import { CONFIG_DIPRES, computeServicio, computeValor, porServicio } from '../../src/indicadores/calcular.js';
import { leerIndicadores } from '../../src/indicadores/leer-libro.js';
import { computeResumen } from '../../src/indicadores/resumen.js';
import type { Indicador } from '../../src/indicadores/schema.js';
import { validarLibro } from '../../src/indicadores/validar.js';

const F = (name: string) => `fixtures/indicadores/${name}`;

async function leer(name: string, opts = {}) {
  const wb = await readWorkbook(F(name));
  const c = new IssueCollector(F(name));
  const libro = leerIndicadores(wb, c, opts);
  validarLibro(libro, c, CONFIG_DIPRES);
  return { libro, c };
}

/** "2008 71,0" for every medición: year, kind and the value computed from its fraction. */
function valores(ind: Indicador): string[] {
  return ind.mediciones.map((m) => `${m.anio} ${m.tipo} ${formatNumero(computeValor(m.numerador!.value, m.denominador!.value, ind.factor)!, 1, 1)}`);
}

// The seed tables of Coquimbo and Bío Bío (DOMAIN.md §1), as their percentages read to one decimal.
const COQUIMBO = ['2008 efectivo 71,0', '2009 efectivo 92,0', '2010 efectivo 93,2', '2011 estimado 93,9', '2012 meta 95,4'];
const BIOBIO = ['2008 efectivo 82,0', '2009 efectivo 94,4', '2010 efectivo 95,4', '2011 estimado 100,0', '2012 meta 96,0'];

describe('the seed tables read from every layout', () => {
  it.each([
    ['presentacion-coquimbo-biobio.xlsx', 'presentacion'],
    ['tabular-coquimbo-biobio.xlsx', 'tabular'],
    ['tabular-coquimbo-biobio.csv', 'tabular'],
    ['fraccion-valor.csv', 'tabular'],
  ])('%s (%s layout)', async (name, layout) => {
    const { libro, c } = await leer(name);
    expect(libro.layout).toBe(layout);
    const [coquimbo, biobio] = libro.indicadores;
    expect(valores(coquimbo)).toEqual(COQUIMBO);
    expect(valores(biobio)).toEqual(BIOBIO);
    expect(coquimbo.dimension).toBe('calidad');
    expect(coquimbo.ambito).toBe('producto');
    expect(c.issues.filter((i) => i.severidad === 'error')).toEqual([]);
    // Bío Bío estimates 100 % for 2011 and sets a 2012 meta of 96 %.
    expect(c.issues.map((i) => i.codigo)).toEqual(['meta-poco-exigente']);
  });

  it('presentation: servicio and producto come from the title and section rows', async () => {
    const { libro } = await leer('presentacion-coquimbo-biobio.xlsx');
    expect(libro.hojas).toEqual(['Coquimbo', 'Bío Bío']);
    const [coquimbo, biobio] = libro.indicadores;
    expect(coquimbo.servicio).toBe('Gobierno Regional Coquimbo');
    expect(coquimbo.producto).toBe('Servicios de Información y Comunicación a la Comunidad Regional');
    expect(coquimbo.celda).toMatchObject({ sheet: 'Coquimbo', address: 'A6' });
    expect(biobio.producto).toBe('Institucional');
    expect(coquimbo.extras.numerador).toMatch(/^Nº de respuestas realizadas/);
    // Stated values: text "71 %" in Coquimbo, formula results formatted 0% in Bío Bío.
    expect(coquimbo.mediciones[0].declarado?.value).toBe(71);
    expect(biobio.mediciones[0].declarado?.value).toBeCloseTo(82.0043, 3);
  });

  it('--hoja reads one sheet only', async () => {
    const { libro } = await leer('presentacion-coquimbo-biobio.xlsx', { hoja: 'bio bio' });
    expect(libro.hojas).toEqual(['Bío Bío']);
    expect(libro.indicadores).toHaveLength(1);
  });

  it('value-plus-fraction cells: dot thousands and dot decimals settled by their column', async () => {
    const { libro } = await leer('fraccion-valor.csv');
    const atacama = libro.indicadores.filter((i) => i.servicio === 'Gobierno Regional de Atacama');
    expect(atacama.map(valores)).toEqual([
      ['2010 efectivo 98,0', '2011 estimado 98,5', '2012 meta 99,0'],
      ['2010 efectivo 35,7', '2011 estimado 41,2', '2012 meta 46,6'],
      ['2008 efectivo 7,1', '2009 efectivo 6,5'],
    ]);
    expect(atacama[1].mediciones[0].numerador?.value).toBe(2300);
  });
});

describe('Antofagasta: products sheet, resumen and institutional compliance', () => {
  it('reproduces the seed table from the indicator rows', async () => {
    const { libro } = await leer('antofagasta-productos.xlsx');
    const [r] = computeResumen(libro.indicadores, libro.productos);
    expect(r.filas.map((f) => [f.numero, f.total, f.resultado, f.producto, f.proceso])).toEqual([
      [1, 5, 0, 3, 2],
      [2, 2, 0, 2, 0],
      [3, 0, 0, 0, 0],
      [4, 1, 0, 1, 0],
    ]);
    expect(r.filas[2].nombre).toBe('Sistema de Planificación y Ordenamiento Territorial');
    expect([r.total.total, r.total.resultado, r.total.producto, r.total.proceso]).toEqual([8, 0, 6, 2]);
    expect([r.participacion.total, r.participacion.resultado, r.participacion.producto, r.participacion.proceso]).toEqual([100, 0, 75, 25]);
  });

  it('computes 85 % compliance (indicator 3 fails) and the 3,8 % tier', async () => {
    const { libro, c } = await leer('antofagasta-productos.xlsx');
    const [[servicio, inds]] = [...porServicio(libro.indicadores)];
    const s = computeServicio(servicio, inds, CONFIG_DIPRES);
    expect([s.anio, s.cumplimientoInstitucional, s.incentivo, s.cumplen, s.noCumplen]).toEqual([2011, 85, 3.8, 7, 1]);
    expect(c.issues.map((i) => [i.codigo, i.celda])).toEqual([['sobrecumplimiento', 'Indicadores!P7']]);
  });
});

describe('broken files: every problem, with its cell', () => {
  it.each([
    ['valor-inconsistente.xlsx', [['valor-inconsistente', 'Indicadores!K2']]],
    ['denominador-cero.xlsx', [['denominador-cero', 'Indicadores!M2']]],
    ['division-por-cero.xlsx', [['error-de-formula', 'Indicadores!K2'], ['denominador-cero', 'Indicadores!J2']]],
    ['texto-en-numero.csv', [['valor-no-numerico', 'I2']]],
    ['columna-faltante.xlsx', [['columna-faltante', null]]],
    ['ponderacion-no-suma.xlsx', [['ponderacion-no-suma-100', 'Indicadores!H2']]],
    ['duplicado.xlsx', [['indicador-duplicado', 'Indicadores!C3']]],
    ['dimension-desconocida.csv', [['ambito-desconocido', 'D2']]],
  ])('%s', async (name, expected) => {
    const { c } = await leer(name);
    const errors = c.issues.filter((i) => i.severidad === 'error').map((i) => [i.codigo, i.celda]);
    expect(errors).toEqual(expected);
  });
});
