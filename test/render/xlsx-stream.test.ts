import { readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Resultado, Tabla } from '../../src/render/model.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { atraso, celdaXml, xmlEncode } from '../../src/render/xlsx-filas.js';
import { LibroXlsxEnFlujo, renderXlsxEnFlujo, type OpcionesXlsxEnFlujo } from '../../src/render/xlsx-stream.js';
import { cfsOf, concat, describeWorkbook, loadXlsx } from './xlsx-compare.js';
import { resultadoEjemplo } from './fixtures.js';

async function streamed(r: Resultado, opts: OpcionesXlsxEnFlujo = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await renderXlsxEnFlujo(r, (b) => chunks.push(Buffer.from(b)), opts);
  return concat(chunks);
}

/** The example with a second and a third table, so that later tables wait their turn. */
function tresTablas(): Resultado {
  const r = resultadoEjemplo();
  const t = r.tablas[0];
  const otra: Tabla = { ...t, nombre: 'cumplimiento', titulo: 'Otra tabla', filas: [...t.filas, t.filas[0], { ...t.filas[0], indicador: '', cumple: null }], totales: undefined, notas: ['Sin totales.'] };
  const vacia: Tabla = { ...t, nombre: 'vacía', titulo: 'Sin filas', filas: [], totales: undefined, notas: ['Nada que mostrar.'] };
  r.tablas.push(otra, vacia);
  return r;
}

describe('the streamed report is the in-memory one, cell for cell', () => {
  it.each([
    ['the example (formulas, totals, notes, every rule, hostile text)', resultadoEjemplo()],
    ['three tables, one spooled and one empty', tresTablas()],
  ])('%s', async (_n, r) => {
    const a = describeWorkbook(await loadXlsx(await renderXlsx(r)));
    const b = describeWorkbook(await loadXlsx(await streamed(r)));
    expect(b).toEqual(a);
  });

  it('with continuation sheets: the same sheets, names, titles and notes', async () => {
    const r = tresTablas();
    const a = await loadXlsx(await renderXlsx(r, { maxFilas: 3 }));
    const b = await loadXlsx(await streamed(r, { maxFilas: 3 }));
    expect(describeWorkbook(b)).toEqual(describeWorkbook(a));
    expect(b.worksheets.map((w) => w.name)).toEqual(['Valores', 'Cumplimiento', 'Cumplimiento 2', 'Vacía']);
    const [c1, c2] = [b.getWorksheet('Cumplimiento')!, b.getWorksheet('Cumplimiento 2')!];
    expect(c2.getCell('A1').value).toBe('Otra tabla (continuación)');
    expect(c2.getRow(4).values).toEqual(c1.getRow(4).values);
    expect(c1.autoFilter).toBe('A4:I7');
    expect(c2.autoFilter).toBe('A4:I5');
    expect(cfsOf(c2).map((c) => c.ref).sort()).toEqual(['F5:F5', 'G5:G5', 'H5:H5']);
    expect(c1.getCell('A10').value).toBe('La tabla sigue en la hoja «Cumplimiento 2».');
    expect(c2.getCell('A8').value).toBe('Sin totales.');
  });
});

describe('LibroXlsxEnFlujo', () => {
  it('widths from the first `muestra` rows; the rest streamed as they come', async () => {
    const t = resultadoEjemplo().tablas[0];
    const chunks: Uint8Array[] = [];
    const libro = new LibroXlsxEnFlujo((b) => chunks.push(Buffer.from(b)), { archivos: ['x.csv'], comando: 'indicadores calcular' }, { muestra: 2 });
    const tabla = libro.tabla(t);
    for (let k = 0; k < 50; k++) tabla.fila({ ...t.filas[0], indicador: k === 49 ? 'x'.repeat(50) : `Indicador ${k}` });
    await libro.cerrar();
    const ws = (await loadXlsx(concat(chunks))).worksheets[0];
    // 'Indicador 0' and 'Indicador 1' fixed the width; the long name came later.
    expect(ws.getColumn(1).width).toBe('Indicador 0'.length + 2);
    expect(ws.getCell('A54').value).toBe('x'.repeat(50));
    expect(ws.getCell('E54').value).toEqual({ formula: 'B54/C54*D54', result: Number(((1078 / 1142) * 100).toPrecision(12)) });
    expect(ws.autoFilter).toBe('A4:I54');
  });

  it('a later table waits in a temporary file that is gone when the workbook is written, or on abort', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbr-spool-'));
    const t = resultadoEjemplo().tablas[0];
    const libro = new LibroXlsxEnFlujo(() => {}, { archivos: [], comando: 'x' }, { dirTemporal: dir });
    libro.tabla(t);
    const segunda = libro.tabla({ ...t, nombre: 'segunda' });
    const fila = { ...t.filas[0], indicador: 'y'.repeat(200) };
    for (let k = 0; k < 8000; k++) segunda.fila(fila);
    expect(readdirSync(dir)).toHaveLength(1);
    await libro.cerrar();
    expect(readdirSync(dir)).toEqual([]);

    const otro = new LibroXlsxEnFlujo(() => {}, { archivos: [], comando: 'x' }, { dirTemporal: dir });
    otro.tabla(t);
    const s2 = otro.tabla({ ...t, nombre: 'segunda' });
    for (let k = 0; k < 8000; k++) s2.fila(fila);
    expect(readdirSync(dir)).toHaveLength(1);
    otro.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('finds the zip entry it waits on (exceljs internals it relies on are there)', () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('a');
    ws.getRow(1).getCell(1).value = 1;
    ws.getRow(1).commit();
    expect(typeof (wb as unknown as { styles: { addStyleModel: unknown } }).styles.addStyleModel).toBe('function');
    expect(atraso(ws as never)).toEqual(expect.any(Number));
  });
});

describe('cells as exceljs writes them', () => {
  it.each([
    ['a<b & "c" \'d\'', 'a&lt;b &amp; &quot;c&quot; &apos;d&apos;'],
    ['tab\tand\nnewline\rkept', 'tab\tand\nnewline\rkept'],
    ['bell\x07 esc\x1b del\x7f dropped', 'bell esc del dropped'],
    ['Año 2012 · ñandú', 'Año 2012 · ñandú'],
  ])('xmlEncode(%j)', (s, x) => {
    expect(xmlEncode(s)).toBe(x);
  });

  it.each([
    [null, 0, ''],
    [null, 3, '<c r="A1" s="3"/>'],
    [12.5, 3, '<c r="A1" s="3"><v>12.5</v></c>'],
    ['=SUM(1)', 3, '<c r="A1" s="3" t="str"><v>=SUM(1)</v></c>'],
    [{ formula: 'B1/C1*D1', result: 0.5 }, 2, '<c r="A1" s="2"><f>B1/C1*D1</f><v>0.5</v></c>'],
  ])('celdaXml(%j, %d)', (v, s, x) => {
    expect(celdaXml('A1', s, v as ExcelJS.CellValue)).toBe(x);
  });
});
