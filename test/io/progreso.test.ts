import { describe, expect, it } from 'vitest';
import { lectura } from '../../src/io/progreso.js';
import { readWorkbook } from '../../src/io/read-workbook.js';
import { openRows } from '../../src/io/stream-rows.js';

/** Reads every row of every sheet, noting what the progress object said at each sheet's end. */
async function leerTodo(file: string, stream: 'always' | 'never') {
  const src = await openRows(file, { stream });
  const visto: { archivo: string; hoja: string; filas: number; leidas: number }[] = [];
  for await (const s of src.sheets()) {
    let leidas = 0;
    for await (const _ of s.rows) leidas++;
    visto.push({ archivo: lectura.archivo, hoja: lectura.hoja, filas: lectura.filas, leidas });
  }
  return visto;
}

describe('the readers tell the progress object what they read', () => {
  it.each([
    ['fixtures/indicadores/tabular-coquimbo-biobio.csv', 'always'],
    ['fixtures/indicadores/tabular-coquimbo-biobio.csv', 'never'],
    ['fixtures/indicadores/antofagasta-productos.xlsx', 'always'],
    ['fixtures/indicadores/antofagasta-productos.xlsx', 'never'],
  ] as const)('%s (stream %s): file, sheet and a row count per sheet', async (file, stream) => {
    const visto = await leerTodo(file, stream);
    expect(visto.length).toBeGreaterThan(0);
    for (const v of visto) {
      expect(v.archivo).toBe(file);
      // A streamed sheet counts the empty rows it went past too; never fewer than it gave.
      expect(v.filas).toBeGreaterThanOrEqual(v.leidas);
      expect(v.filas).toBeGreaterThan(0);
    }
    if (file.endsWith('.xlsx')) expect(visto.map((v) => v.hoja)).not.toContain('');
    else expect(visto.map((v) => v.hoja)).toEqual(['']);
  });

  it('readWorkbook names the file it reads', async () => {
    lectura.archivo = '';
    await readWorkbook('fixtures/indicadores/fraccion-valor.csv');
    expect(lectura.archivo).toBe('fixtures/indicadores/fraccion-valor.csv');
  });
});
