import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { quoteSheet } from '../../src/core/report.js';
import { cellText, type Cell, type Sheet, type Workbook } from '../../src/io/cell.js';
import { inferDecimalMark, parseFraccion, parseNumeroChileno } from '../../src/io/numero-chileno.js';
import { decodeText, detectDelimiter, detectEncoding } from '../../src/io/read-csv.js';
import { readWorkbook } from '../../src/io/read-workbook.js';

const DIR = 'fixtures/indicadores';
const fixture = (name: string) => join(DIR, name);
const read = (name: string) => readWorkbook(fixture(name));

const tmp = mkdtempSync(join(tmpdir(), 'pbr-read-workbook-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sheet(wb: Workbook, name: string): Sheet {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${wb.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

/** The cell at an A1 address, found by its own address (so the test checks the address too). */
function at(s: Sheet, address: string): Cell | undefined {
  for (const row of s.rows) for (const c of row.cells) if (c?.address === address) return c;
  return undefined;
}

function value(s: Sheet, address: string): unknown {
  return at(s, address)?.value;
}

/** Excel's name of a cell: `Coquimbo!B6`, `'Bío Bío'!B6`. */
const excelName = (c: Cell) => `${quoteSheet(c.sheet)}!${c.address}`;

const pct1 = (num: number, den: number) => Math.round((num / den) * 1000) / 10;
const COLS = ['B', 'C', 'D', 'E', 'F'];

// DOMAIN.md §1 "Seed check"
const SEED = {
  Coquimbo: { num: [152, 242, 262, 247, 250], den: [214, 263, 281, 263, 262], pct: [71.0, 92.0, 93.2, 93.9, 95.4], stated: ['71 %', '92 %', '93 %', '94 %', '95 %'] },
  'Bío Bío': { num: [761, 1078, 1045, 1020, 960], den: [928, 1142, 1095, 1020, 1000], pct: [82.0, 94.4, 95.4, 100, 96], stated: [82, 94, 95, 100, 96] },
};
const COQUIMBO_INDICADOR =
  'Porcentaje de respuestas oportunas (máximo cuatro días corridos) a las consultas realizadas por los usuarios en el buzón ciudadano, dentro del portal www.gorecoquimbo.cl, durante el año t.';
const BIOBIO_INDICADOR = 'Porcentaje de Iniciativas de Inversión puestas en ejecución del Programa Público de Inversión de la Región (PROPIR)';

describe('presentacion-coquimbo-biobio.xlsx (presentation layout)', async () => {
  const wb = await read('presentacion-coquimbo-biobio.xlsx');
  const coq = sheet(wb, 'Coquimbo');
  const bio = sheet(wb, 'Bío Bío');

  it('is an xlsx with the two sheets in order and no notes', () => {
    expect(wb.format).toBe('xlsx');
    expect(wb.file).toBe(fixture('presentacion-coquimbo-biobio.xlsx'));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Coquimbo', 'Bío Bío']);
    expect(wb.notes).toEqual([]);
  });

  it('keeps titles, skips the blank row 3, and keeps the header line breaks', () => {
    expect(value(coq, 'A1')).toBe('Gobierno Regional Coquimbo');
    expect(value(coq, 'A2')).toBe('Indicadores de Desempeño 2012 : Calidad/Productos');
    expect(value(bio, 'A1')).toBe('Gobierno Regional Bio Bio');
    expect(value(bio, 'A2')).toBe('Indicadores de Desempeño 2012 : Calidad/Productivo');
    expect(coq.rows.map((r) => r.index)).toEqual([1, 2, 4, 5, 6, 7, 8]);
    expect(['A4', 'B4', 'C4', 'D4', 'E4', 'F4'].map((a) => value(coq, a))).toEqual(['Indicador', 2008, 2009, 2010, '2011\nEstima do', '2012\nMeta']);
  });

  it('gives every cell its sheet, row, column and A1 address', () => {
    const c = at(coq, 'B6')!;
    expect(c).toMatchObject({ sheet: 'Coquimbo', address: 'B6', row: 6, col: 2 });
    expect(excelName(c)).toBe('Coquimbo!B6');
    expect(excelName(at(bio, 'F8')!)).toBe("'Bío Bío'!F8");
    for (const row of coq.rows) {
      row.cells.forEach((cell, i) => {
        if (!cell) return;
        expect(cell.row).toBe(row.index);
        expect(cell.col).toBe(i + 1);
        expect(cell.address).toBe(`${'ABCDEF'[i]}${row.index}`);
      });
    }
  });

  it('carries the section row (merged A5:F5) to every cell of the range', () => {
    for (const [s, producto] of [[coq, 'Servicios de Información y Comunicación a la Comunidad Regional'], [bio, 'Institucional']] as const) {
      expect(at(s, 'A5')).toMatchObject({ value: producto });
      expect(at(s, 'A5')!.merged).toBeUndefined();
      for (const a of ['B5', 'C5', 'D5', 'E5', 'F5']) expect(at(s, a)).toMatchObject({ value: producto, merged: true, address: a });
    }
  });

  it('gives a hyperlink cell with rich text, and a rich-text cell, their plain text', () => {
    expect(value(coq, 'A6')).toBe(COQUIMBO_INDICADOR);
    expect(value(bio, 'A6')).toBe(BIOBIO_INDICADOR);
    expect(value(coq, 'A7')).toMatch(/^Nº de respuestas realizadas en un plazo máximo de cuatro días corridos/);
    expect(value(bio, 'A8')).toBe('Nº de iniciativas de inversión programadas año t');
  });

  it('keeps Coquimbo stated values as the text the seed prints', () => {
    expect(COLS.map((c) => value(coq, `${c}6`))).toEqual(SEED.Coquimbo.stated);
    expect(at(coq, 'B6')!.percent).toBeUndefined();
  });

  it('gives Bío Bío formula cells their cached result, formula and percent format', () => {
    COLS.forEach((c, i) => {
      const cell = at(bio, `${c}6`)!;
      expect(cell.formula).toBe(`${c}7/${c}8`);
      expect(cell.value).toBeCloseTo(SEED['Bío Bío'].num[i] / SEED['Bío Bío'].den[i], 12);
      expect(cell).toMatchObject({ percent: true, formatDecimals: 0 });
      expect(cell.error).toBeUndefined();
    });
  });

  it.each(['Coquimbo', 'Bío Bío'] as const)('reproduces every seed percentage of %s from numerador/denominador', (name) => {
    const s = sheet(wb, name);
    const seed = SEED[name];
    const num = COLS.map((c) => value(s, `${c}7`) as number);
    const den = COLS.map((c) => value(s, `${c}8`) as number);
    expect(num).toEqual(seed.num);
    expect(den).toEqual(seed.den);
    expect(num.map((n, i) => pct1(n, den[i]))).toEqual(seed.pct);
    // the stated values agree to the precision they are written with (whole percent: ±0,5)
    COLS.forEach((c, i) => {
      const cell = at(s, `${c}6`)!;
      const stated = typeof cell.value === 'string' ? parseNumeroChileno(cell.value)!.value : (cell.value as number) * 100;
      expect(Math.abs(stated - (num[i] / den[i]) * 100)).toBeLessThanOrEqual(0.5);
    });
  });
});

const TABULAR_HEADERS = [
  'Servicio', 'Producto\nEstratégico', 'Indicador', 'Dimensión/Ámbito', 'Fórmula', 'Unidad', 'Sentido', 'Ponderación',
  'Numerador\n2008', 'Denominador\n2008', '2008', 'Numerador\n2009', 'Denominador\n2009', '2009', 'Numerador\n2010', 'Denominador\n2010', '2010',
  'Numerador 2011\nEstimado', 'Denominador 2011\nEstimado', '2011\nEstimado', 'Numerador\nMeta 2012', 'Denominador\nMeta 2012', 'Meta 2012',
];
// columns I..W: numerador, denominador, stated for 2008, 2009, 2010, 2011 estimado, meta 2012
const YEAR_COLS = 'IJKLMNOPQRSTUVW'.split('');

describe('tabular-coquimbo-biobio.xlsx (tabular layout)', async () => {
  const wb = await read('tabular-coquimbo-biobio.xlsx');
  const ind = sheet(wb, 'Indicadores');

  it('has the indicator sheet and the product list', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(['Indicadores', 'Productos Estratégicos']);
    expect(ind.rows.map((r) => r.index)).toEqual([1, 2, 3]);
  });

  it('reads the 23 headers, line breaks included', () => {
    expect(ind.rows[0].cells.map(cellText)).toEqual(TABULAR_HEADERS);
    expect(at(ind, 'W1')).toMatchObject({ value: 'Meta 2012', col: 23 });
  });

  it('understands a percent-formatted ponderación and keeps a textual one as text', () => {
    expect(at(ind, 'H2')).toMatchObject({ value: 1, percent: true, formatDecimals: 0 });
    expect(at(ind, 'H3')).toMatchObject({ value: '100%' });
    expect(at(ind, 'H3')!.percent).toBeUndefined();
  });

  it('reads stated values as percent-formatted fractions, and reproduces them from the raw numbers', () => {
    const rows: [number, keyof typeof SEED, number[]][] = [
      [2, 'Coquimbo', [0.71, 0.92, 0.93, 0.94, 0.95]],
      [3, 'Bío Bío', [0.82, 0.94, 0.95, 1, 0.96]],
    ];
    for (const [r, name, stated] of rows) {
      for (let y = 0; y < 5; y++) {
        const [n, d, v] = YEAR_COLS.slice(3 * y, 3 * y + 3).map((c) => at(ind, `${c}${r}`)!);
        expect([n.value, d.value]).toEqual([SEED[name].num[y], SEED[name].den[y]]);
        expect(v).toMatchObject({ value: stated[y], percent: true, formatDecimals: 0 });
        expect(pct1(n.value as number, d.value as number)).toBe(SEED[name].pct[y]);
      }
    }
    expect(value(ind, 'C2')).toBe(COQUIMBO_INDICADOR);
    expect(value(ind, 'D3')).toBe('Calidad/Producto');
  });

  it('lists both productos estratégicos with their servicio', () => {
    const prod = sheet(wb, 'Productos Estratégicos');
    expect(prod.rows.map((r) => r.cells.map(cellText))).toEqual([
      ['N°', 'Producto Estratégico', 'Servicio'],
      ['1', 'Servicios de Información y Comunicación a la Comunidad Regional', 'Gobierno Regional de Coquimbo'],
      ['1', 'Institucional', 'Gobierno Regional del Biobío'],
    ]);
  });
});

describe('tabular-coquimbo-biobio.csv (Windows-1252, ;)', async () => {
  const file = fixture('tabular-coquimbo-biobio.csv');
  const bytes = readFileSync(file);
  const wb = await readWorkbook(file);
  const s = wb.sheets[0];
  const xlsx = sheet(await read('tabular-coquimbo-biobio.xlsx'), 'Indicadores');

  it('is really Windows-1252: "Estratégico" has é = 0xE9, and the bytes are not UTF-8', () => {
    const i = bytes.indexOf(Buffer.from('Estrat', 'latin1'));
    expect(bytes[i + 6]).toBe(0xe9);
    expect(bytes.includes(Buffer.from('é', 'utf-8'))).toBe(false);
    expect(detectEncoding(bytes)).toBe('windows-1252');
    expect(detectDelimiter(decodeText(bytes, 'windows-1252'))).toBe(';');
  });

  it('detects encoding and delimiter, and says so in the notes', () => {
    expect(wb.format).toBe('csv');
    expect(wb.sheets).toHaveLength(1);
    expect(s.name).toBe('');
    expect(wb.notes).toEqual([`${file}: codificación Windows-1252 detectada.`, `${file}: separador ';' detectado.`]);
  });

  it('says nothing it did not assume when encoding and delimiter are given', async () => {
    const given = await readWorkbook(file, { encoding: 'windows-1252', delimiter: ';' });
    expect(given.notes).toEqual([]);
    expect(given.sheets).toEqual(wb.sheets);
  });

  it('numbers rows by line: the quoted two-line header takes lines 1–2, so the data is on lines 3 and 4', () => {
    expect(s.rows.map((r) => r.index)).toEqual([1, 3, 4]);
    expect(at(s, 'B1')).toMatchObject({ value: 'Producto\nEstratégico', row: 1, col: 2, sheet: '' });
    expect(at(s, 'A3')).toMatchObject({ value: 'Gobierno Regional de Coquimbo', row: 3 });
    expect(at(s, 'A4')).toMatchObject({ value: 'Gobierno Regional del Biobío', row: 4 });
    expect(at(s, 'W4')).toMatchObject({ value: '96%', col: 23 });
    expect(at(s, 'A2')).toBeUndefined();
  });

  it('decodes the accents of every header', () => {
    expect(s.rows[0].cells.map(cellText)).toEqual(TABULAR_HEADERS.map((h) => (h === 'Producto\nEstratégico' ? h : h.replace(/\n/g, ' '))));
  });

  it('holds the same data as the .xlsx, written the Chilean way', () => {
    expect(value(s, 'K3')).toBe('71 %');
    expect(value(s, 'L4')).toBe('1.078');
    expect(value(s, 'H3')).toBe('100%');
    for (const [csvRow, xlsxRow] of [[3, 2], [4, 3]]) {
      expect(value(s, `C${csvRow}`)).toBe(value(xlsx, `C${xlsxRow}`));
      for (const c of YEAR_COLS) {
        const p = parseNumeroChileno(value(s, `${c}${csvRow}`) as string)!;
        const x = at(xlsx, `${c}${xlsxRow}`)!;
        expect(p.percent ? p.value / 100 : p.value).toBeCloseTo(x.value as number, 10);
        expect(p.percent).toBe(!!x.percent);
      }
    }
  });

  it('reads the same from standard input', async () => {
    const piped = await readWorkbook('-', { stdin: Readable.from([bytes]) });
    expect(piped.file).toBe('-');
    expect(piped.sheets).toEqual(wb.sheets);
    expect(piped.notes[0]).toBe('-: codificación Windows-1252 detectada.');
  });
});

describe('fraccion-valor.csv (UTF-8 with BOM, value and fraction in one cell)', async () => {
  const file = fixture('fraccion-valor.csv');
  const bytes = readFileSync(file);
  const wb = await readWorkbook(file);
  const s = wb.sheets[0];
  const column = (c: string) => s.rows.slice(1).map((r) => at(s, `${c}${r.index}`)).filter((x): x is Cell => !!x).map((x) => String(x.value));

  it('starts with a BOM that does not reach the first header', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(detectEncoding(bytes)).toBe('utf-8');
    expect(wb.notes).toEqual([`${file}: codificación UTF-8 detectada.`, `${file}: separador ';' detectado.`]);
    expect(value(s, 'A1')).toBe('Servicio');
    expect(value(s, 'L1')).toBe('2012 Meta');
  });

  it.each<[string, string, number, number, number | null]>([
    ['H2', '71 % (152/214)*100', 152, 214, 71],
    ['L2', '95 % (250/262)*100', 250, 262, 95],
    ['J4', '98,00% (66247 /67599)', 66247, 67599, 98],
    ['J5', '(2.300/6.434)', 2300, 6434, null],
    ['H6', '7.1 % (28.0/392.0)*100', 28, 392, 7.1],
  ])('%s holds %j', (address, text, num, den, stated) => {
    expect(value(s, address)).toBe(text);
    const f = parseFraccion(text)!;
    expect([f.numerador.value, f.denominador.value, f.stated?.value ?? null]).toEqual([num, den, stated]);
  });

  it('writes each year column in one decimal style, so the column settles (2.300/6.434)', () => {
    expect(inferDecimalMark(column('H'))).toBe('.');
    expect(inferDecimalMark(column('J'))).toBe(',');
    expect(inferDecimalMark(column('K'))).toBe(',');
    expect(inferDecimalMark(column('L'))).toBe(',');
  });

  it('reproduces the seed percentages of both regions', () => {
    for (const [r, name] of [[2, 'Coquimbo'], [3, 'Bío Bío']] as const) {
      const pcts = ['H', 'I', 'J', 'K', 'L'].map((c) => {
        const f = parseFraccion(value(s, `${c}${r}`) as string)!;
        return pct1(f.numerador.value, f.denominador.value);
      });
      expect(pcts).toEqual(SEED[name].pct);
    }
  });
});

const ANTOFAGASTA_PRODUCTOS = [
  'Administración financiera de la inversión del Gobierno Regional.',
  'Coordinación del Gasto Público en la región.',
  'Sistema de Planificación y Ordenamiento Territorial',
  'Implementar la Agenda de Internacionalización y Cooperación Transfronteriza.',
];

describe('antofagasta-productos.xlsx (products and ámbitos)', async () => {
  const wb = await read('antofagasta-productos.xlsx');
  const prod = sheet(wb, 'Productos Estratégicos');
  const ind = sheet(wb, 'Indicadores');
  const data = ind.rows.slice(1);
  const col = (header: string) => ind.rows[0].cells.findIndex((c) => cellText(c) === header);
  const get = (r: (typeof data)[number], header: string) => r.cells[col(header)]?.value;

  it('lists the seed\'s four products, product 3 included', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(['Productos Estratégicos', 'Indicadores']);
    expect(prod.rows.slice(1).map((r) => [r.cells[0]?.value, r.cells[1]?.value])).toEqual(ANTOFAGASTA_PRODUCTOS.map((p, i) => [i + 1, p]));
  });

  it('has 8 indicators with separate Dimensión and Ámbito de Control columns', () => {
    expect(data).toHaveLength(8);
    expect(col('Dimensión')).toBe(4);
    expect(col('Ámbito de\nControl')).toBe(5);
    expect(new Set(data.map((r) => get(r, 'Dimensión')))).toEqual(new Set(['Eficacia', 'Calidad de Servicio', 'eficiencia']));
  });

  it('reproduces the seed table: indicators per producto by ámbito, totals and shares', () => {
    const table = ANTOFAGASTA_PRODUCTOS.map((p) => {
      const rows = data.filter((r) => get(r, 'Producto Estratégico') === p);
      const n = (a: string) => rows.filter((r) => String(get(r, 'Ámbito de\nControl')).toLowerCase() === a).length;
      return [rows.length, n('resultado'), n('producto'), n('proceso')];
    });
    expect(table).toEqual([[5, 0, 3, 2], [2, 0, 2, 0], [0, 0, 0, 0], [1, 0, 1, 0]]);
    const total = [0, 1, 2, 3].map((i) => table.reduce((s, r) => s + r[i], 0));
    expect(total).toEqual([8, 0, 6, 2]);
    expect(total.map((t) => Math.round((t / total[0]) * 100))).toEqual([100, 0, 75, 25]);
  });

  it('weights sum 100 %, and the 2011 cumplimiento is the one the README states (85 % institucional)', () => {
    const pond = data.map((r) => get(r, 'Ponderación') as number);
    expect(pond.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const cumplimiento = data.map((r) => {
      const efectivo = (get(r, 'Numerador 2011') as number) / (get(r, 'Denominador 2011') as number);
      const meta = (get(r, 'Numerador Meta 2011') as number) / (get(r, 'Denominador Meta 2011') as number);
      const c = get(r, 'Sentido') === 'Descendente' ? meta / efectivo : efectivo / meta;
      return Math.round(c * 1000) / 10;
    });
    expect(cumplimiento).toEqual([102.1, 105.6, 75.0, 120.0, 99.0, 141.7, 100.0, 104.2]);
    const institucional = data.reduce((s, r, i) => s + (cumplimiento[i] >= 95 ? pond[i] : 0), 0);
    expect(institucional).toBeCloseTo(0.85, 12);
    expect(cumplimiento.filter((c) => c > 130)).toEqual([141.7]);
  });

  it('writes the descendente indicator in días with one decimal', () => {
    const r = data.find((x) => get(x, 'Sentido') === 'Descendente')!;
    expect(get(r, 'Unidad')).toBe('días');
    expect(r.cells[col('2011')]).toMatchObject({ value: 15, formatDecimals: 1 });
    expect(r.cells[col('2011')]!.percent).toBeUndefined();
  });
});

describe('broken fixtures: the reader keeps what is wrong, for validation to report', () => {
  it('valor-inconsistente.xlsx: K2 says 81 % but I2/J2 is 71,0 %', async () => {
    const s = sheet(await read('valor-inconsistente.xlsx'), 'Indicadores');
    expect(at(s, 'K2')).toMatchObject({ value: 0.81, percent: true });
    expect(pct1(value(s, 'I2') as number, value(s, 'J2') as number)).toBe(71.0);
  });

  it('denominador-cero.xlsx: M2 is 0 with numerador 242 and no stated value', async () => {
    const s = sheet(await read('denominador-cero.xlsx'), 'Indicadores');
    expect(at(s, 'M2')).toMatchObject({ value: 0 });
    expect(value(s, 'L2')).toBe(242);
    expect(at(s, 'N2')).toBeUndefined();
  });

  it('division-por-cero.xlsx: K2 is a formula whose cached result is #DIV/0!', async () => {
    const s = sheet(await read('division-por-cero.xlsx'), 'Indicadores');
    const k2 = at(s, 'K2')!;
    expect(k2).toMatchObject({ value: null, error: '#DIV/0!', formula: 'I2/J2', percent: true });
    expect(cellText(k2)).toBe('#DIV/0!');
    expect(value(s, 'J2')).toBe(0);
  });

  it('texto-en-numero.csv: I2 is words, not a number', async () => {
    const wb = await read('texto-en-numero.csv');
    const s = wb.sheets[0];
    expect(at(s, 'I2')).toMatchObject({ value: 'ciento cincuenta', row: 2, col: 9 });
    expect(parseNumeroChileno(value(s, 'I2') as string)).toBeNull();
    expect(wb.notes[0]).toMatch(/UTF-8/);
  });

  it('columna-faltante.xlsx: no Indicador header', async () => {
    const s = sheet(await read('columna-faltante.xlsx'), 'Indicadores');
    const headers = s.rows[0].cells.map(cellText);
    expect(headers).toHaveLength(22);
    expect(headers).not.toContain('Indicador');
    expect(headers).toEqual(TABULAR_HEADERS.filter((h) => h !== 'Indicador'));
  });

  it('ponderacion-no-suma.xlsx: Coquimbo weighs 50 % + 40 %', async () => {
    const s = sheet(await read('ponderacion-no-suma.xlsx'), 'Indicadores');
    const coq = s.rows.slice(1).filter((r) => r.cells[0]?.value === 'Gobierno Regional de Coquimbo');
    expect(coq.map((r) => r.cells[7]?.value)).toEqual([0.5, 0.4]);
    expect(value(s, 'H4')).toBe(1);
  });

  it('duplicado.xlsx: rows 2 and 3 are the same indicator of the same servicio', async () => {
    const s = sheet(await read('duplicado.xlsx'), 'Indicadores');
    expect(value(s, 'C3')).toBe(value(s, 'C2'));
    expect(value(s, 'A3')).toBe(value(s, 'A2'));
    expect(value(s, 'C2')).toBe(COQUIMBO_INDICADOR);
  });

  it('dimension-desconocida.csv: D2 is Eficacia/Impactante', async () => {
    const s = (await read('dimension-desconocida.csv')).sheets[0];
    expect(at(s, 'D2')).toMatchObject({ value: 'Eficacia/Impactante', row: 2 });
  });

  it.each([
    ['vacio.csv', /vacío \(0 bytes\)/],
    ['no-es-libro.xlsx', /no es un libro \.xlsx/],
    ['no-existe.xlsx', /no existe/],
  ])('%s is refused with an InputError that names the file', async (name, message) => {
    const err = await read(name).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toContain(fixture(name));
    expect((err as InputError).message).toMatch(message);
    expect((err as InputError).archivo).toBe(fixture(name));
    expect((err as InputError).exitCode).toBe(2);
  });
});
describe('CSV line numbers', () => {
  it.each([
    ['LF', 'a;b\n"x\ny";2\n\nz;3\n'],
    ['CRLF with LF inside the quotes (Excel)', 'a;b\r\n"x\ny";2\r\n\r\nz;3\r\n'],
    ['CRLF inside the quotes', 'a;b\r\n"x\r\ny";2\r\n\r\nz;3\r\n'],
  ])('count a line break inside a quoted field once (%s)', async (_, text) => {
    const file = join(tmp, 'multilinea.csv');
    writeFileSync(file, text);
    const s = (await readWorkbook(file)).sheets[0];
    // a;b on line 1, the quoted field spans lines 2–3, line 4 is blank, z;3 is line 5
    expect(s.rows.map((r) => r.index)).toEqual([1, 2, 5]);
    expect(at(s, 'A5')).toMatchObject({ value: 'z', row: 5 });
  });
});

describe('xlsx cells without a cached result', () => {
  it('keep a formula cell that has no cached value, with its formula, rather than dropping it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Indicadores');
    ws.getCell('A1').value = 152;
    ws.getCell('B1').value = 214;
    ws.getCell('C1').value = { formula: 'A1/B1' } as ExcelJS.CellFormulaValue;
    const file = join(tmp, 'sin-resultado.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const s = (await readWorkbook(file)).sheets[0];
    expect(at(s, 'C1')).toMatchObject({ value: null, formula: 'A1/B1', address: 'C1' });
    expect(at(s, 'C1')!.error).toBeUndefined();
  });
});
