import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import type { Resultado, Tabla } from '../../src/render/model.js';
import { renderTabla } from '../../src/render/tabla.js';

/** A table with what makes a terminal table hard: names wrapped over lines, accents, a wide character, numbers, totals. */
function tabla(filas: number): Tabla {
  return {
    nombre: 't',
    titulo: 'Prueba',
    columnas: [
      { clave: 'n', titulo: 'N°', tipo: 'entero' },
      { clave: 'nombre', titulo: 'Producto Estratégico', tipo: 'texto' },
      { clave: 'v', titulo: 'Valor', tipo: 'numero', decimales: 1 },
    ],
    filas: Array.from({ length: filas }, (_, i) => ({
      n: i + 1,
      nombre: i % 3 === 0 ? `Administración financiera de la inversión del Gobierno Regional de Ñuble, número ${i} (${'x'.repeat(i % 7)})` : i % 5 === 0 ? '統計 Región' : `Coordinación ${i}`,
      v: i % 4 === 0 ? null : i * 1.25,
    })),
    totales: [{ n: null, nombre: 'Total Indicadores', v: filas * 10 }],
  };
}
const resultado = (t: Tabla): Resultado => ({ comando: 'prueba', archivos: [], tablas: [t], json: {} });

describe('renderTabla: long tables drawn in blocks', () => {
  it.each([
    [1, 1],
    [7, 3],
    [40, 7],
    [40, 1],
    [300, 250],
    [600, 250],
  ])('%i rows in blocks of %i read as one cli-table3 table', (filas, porBloque) => {
    for (const color of [false, true]) {
      const entero = renderTabla(resultado(tabla(filas)), { color, filasPorBloque: Number.MAX_SAFE_INTEGER });
      expect(renderTabla(resultado(tabla(filas)), { color, filasPorBloque: porBloque })).toBe(entero);
    }
  });

  it('a row whose cells run to several lines is drawn as cli-table3 draws such a cell', () => {
    const nombre = 'Administración financiera de la inversión del Gobierno Regional de Ñuble, número 0 ()';
    const t: Tabla = { nombre: 't', titulo: 'T', columnas: [{ clave: 'a', titulo: 'A', tipo: 'texto' }, { clave: 'b', titulo: 'B', tipo: 'entero' }], filas: [{ a: nombre, b: 12 }, { a: 'corto', b: 3 }] };
    const directo = new Table({ head: ['A', 'B'], style: { head: [], border: [], compact: true }, colAligns: ['left', 'right'] });
    // wrapLong's 60 columns, word by word.
    directo.push(['Administración financiera de la inversión del Gobierno\nRegional de Ñuble, número 0 ()', '12'], ['corto', '3']);
    expect(renderTabla(resultado(t))).toBe(`T\n${directo.toString()}\n`);
  });
});
