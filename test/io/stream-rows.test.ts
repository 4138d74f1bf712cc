import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/io/cell.js';
import { MergeFiller } from '../../src/io/stream-rows.js';
import { leerFilas } from './filas.js';

const rowsOf = leerFilas;

/** What every command reads of a cell: where it is, its value, its error, its format, merged, formula. */
const plain = (sheets: { sheet: string; rows: Row[] }[]) =>
  sheets.map((s) => ({
    sheet: s.sheet,
    rows: s.rows.map((r) => [
      r.index,
      r.cells.map((c) => (c ? [c.address, c.value instanceof Date ? c.value.toISOString() : c.value, c.error ?? null, !!c.percent, c.formatDecimals ?? null, !!c.merged, !!c.formula] : null)),
    ]),
  }));

const fixtures = ['indicadores', 'autoevaluacion'].flatMap((d) =>
  readdirSync(`fixtures/${d}`)
    .filter((f) => /\.(xlsx|csv)$/.test(f) && !['vacio.csv', 'no-es-libro.xlsx'].includes(f))
    .map((f) => `fixtures/${d}/${f}`),
);

describe('the streaming reader gives the rows the whole-file reader gives', () => {
  it.each(fixtures)('%s', async (file) => {
    const whole = await rowsOf(file, 'never');
    const streamed = await rowsOf(file, 'always');
    expect(streamed.src.streamed).toBe(true);
    expect(whole.src.streamed).toBe(false);
    expect(plain(streamed.out)).toEqual(plain(whole.out));
    expect(streamed.src.notes).toEqual(whole.src.notes);
  });
});

describe('formula results exceljs drops (exceljs#2943) are read', () => {
  it.each(['never', 'always'] as const)('a formula that evaluates to 0, stream %s', async (stream) => {
    const dir = mkdtempSync(join(tmpdir(), 'pbr-zero-'));
    const file = join(dir, 'cero.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('B1').value = 5;
    ws.getCell('A1').value = { formula: 'B1-B1', result: 0 } as ExcelJS.CellFormulaValue;
    ws.getCell('C1').value = { formula: 'B1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(file);
    const { out } = await rowsOf(file, stream);
    const [a, , c] = out[0].rows[0].cells;
    expect(a).toMatchObject({ address: 'A1', value: 0, formula: 'B1-B1' });
    expect(c?.error).toBeTruthy();
    expect(c?.value).toBeNull();
  });
});

describe('MergeFiller: each cell of a merged range takes its top-left value', () => {
  it('fills across and down, and only inside the range', () => {
    const m = new MergeFiller(['B2:C3']);
    const cell = (row: number, col: number, value: string) => ({ sheet: 'S', address: `?${row}${col}`, row, col, value });
    const r1 = [cell(1, 1, 'x')];
    const r2 = [undefined, cell(2, 2, 'M')];
    const r3: ReturnType<typeof cell>[] = [];
    const r4: ReturnType<typeof cell>[] = [];
    m.apply(1, r1, 'S');
    m.apply(2, r2, 'S');
    m.apply(3, r3, 'S');
    m.apply(4, r4, 'S');
    expect(r1).toHaveLength(1);
    expect(r2.map((c) => c && [c.address, c.value, !!(c as { merged?: boolean }).merged])).toEqual([undefined, ['?22', 'M', false], ['C2', 'M', true]]);
    expect(r3.map((c) => c && [c.address, c.value])).toEqual([undefined, ['B3', 'M'], ['C3', 'M']]);
    expect(r4).toEqual([]);
  });
});

describe('CSV bytes decoded by the streaming reader as by the whole-file reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbr-csv-'));
  const cases: [string, Buffer, string][] = [
    // Windows-1252's own characters at 0x80–0x9F (€ “ ” – …) and Latin-1 letters (ó ñ).
    ['windows-1252', Buffer.from([...Buffer.from('Indicador;Meta\n', 'latin1'), 0x93, ...Buffer.from('Gesti', 'latin1'), 0xf3, 0x6e, 0x94, 0x20, 0x96, 0x20, 0x80, 0x20, 0x85, ...Buffer.from(' a', 'latin1'), 0xf1, 0x6f, 0x3b, 0x31, 0x0a]), '“Gestión” – € … año'],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Indicador;Meta\n“Gestión” – € … año;1\n', 'utf8')]), '“Gestión” – € … año'],
  ];
  it.each(cases)('%s', async (name, bytes, expected) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, bytes);
    const whole = await rowsOf(file, 'never');
    const streamed = await rowsOf(file, 'always');
    expect(plain(streamed.out)).toEqual(plain(whole.out));
    expect(streamed.out[0].rows[0].cells[0]?.value).toBe('Indicador');
    expect(streamed.out[0].rows[1].cells[0]?.value).toBe(expected);
    expect(streamed.out[0].rows[1].cells[0]?.address).toBe('A2');
  });
});

describe('a sheet whose XML breaks while its rows are read', () => {
  it('is an InputError in Spanish naming the file and sheet, not an internal error', async () => {
    const { InputError } = await import('../../src/core/errors.js');
    const read = rowsOf('fixtures/hostiles/xml-malformado.xlsx', 'always');
    await expect(read).rejects.toBeInstanceOf(InputError);
    await expect(read).rejects.toThrow(/xml-malformado\.xlsx, hoja .*: el XML de la hoja está mal formado/);
  });
});
