import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx } from '../../src/render/xlsx.js';
import { numFmt, sheetName } from '../../src/render/xlsx-estilo.js';
import { resultadoEjemplo } from './fixtures.js';

/** exceljs reads conditional formats into `conditionalFormattings`, which its typings omit. */
const cfsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('renderXlsx', async () => {
  const wb = await load(await renderXlsx(resultadoEjemplo()));
  const ws = wb.worksheets[0];

  it('one sheet per table, title and source rows, header row 4 frozen, autofilter over the data rows', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Valores']);
    expect(ws.getCell('A1').value).toBe('Valores | por indicador');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('Fuente: datos.xlsx · pbr indicadores calcular');
    expect(ws.getRow(4).values).toEqual([undefined, 'Indicador', 'Numerador', 'Denominador', 'Factor', 'Valor', 'Cumplimiento', '% logro', '% mejora', 'Cumple']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.autoFilter).toBe('A4:I6');
  });

  it('percentages stored as fractions with 0.0%; numbers with thousands formats', () => {
    expect(ws.getCell('F5').value).toBeCloseTo(0.977, 12);
    expect(ws.getCell('F5').numFmt).toBe('0.0%');
    expect(ws.getCell('B5').numFmt).toBe('#,##0');
    expect(ws.getCell('D5').numFmt).toBe('#,##0');
    expect(ws.getCell('E5').numFmt).toBe('#,##0.0');
  });

  it('formula columns are formulas over the row, with the cached value; a row missing an operand gets none', () => {
    expect(ws.getCell('E5').value).toEqual({ formula: 'B5/C5*D5', result: Number(((1078 / 1142) * 100).toPrecision(12)) });
    // A porcentaje column's formula gives × 100: the cell holds a fraction.
    expect(ws.getCell('G5').value).toEqual({ formula: '(B5/C5*100)/100', result: Number((1078 / 1142).toPrecision(12)) });
    expect(ws.getCell('E6').value).toBeNull();
    expect(ws.getCell('G6').value).toBeNull();
  });

  it('totals rows in bold with a rule above; notes and the colour legend under the table', () => {
    expect(ws.getCell('A7').value).toBe('Total');
    expect(ws.getCell('A7').font?.bold).toBe(true);
    expect(ws.getCell('B7').font?.bold).toBe(true);
    expect(ws.getCell('B7').border?.top?.style).toBe('medium');
    expect(ws.getCell('A5').font?.bold).toBeFalsy();
    expect(ws.getCell('A9').value).toBe('Cumplimiento: verde cumple (≥ 95,0%), rojo no cumple, ámbar sobrecumplimiento (> 130,0%).');
    expect(ws.getCell('A10').value).toBe('Una nota.');
  });

  it('conditional formats: cumple/no cumple/sobrecumplimiento rules on the data rows, data bars for logro and mejora', () => {
    const cfs = cfsOf(ws);
    const byRef = Object.fromEntries(cfs.map((c) => [c.ref, c.rules]));
    expect(Object.keys(byRef).sort()).toEqual(['F5:F6', 'G5:G6', 'H5:H6']);
    const f = byRef['F5:F6'] as ExcelJS.ExpressionRuleType[];
    expect(f.map((r) => r.formulae)).toEqual([['AND(ISNUMBER(F5),F5>1.3)'], ['AND(ISNUMBER(F5),F5>=0.95)'], ['AND(ISNUMBER(F5),F5<0.95)']]);
    expect(f.map((r) => (r.style?.fill as ExcelJS.FillPattern).bgColor?.argb)).toEqual(['FFFFEB9C', 'FFC6EFCE', 'FFFFC7CE']);
    expect(byRef['G5:G6'][0]).toMatchObject({ type: 'dataBar', cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 1 }] });
    expect(byRef['H5:H6'][0]).toMatchObject({ type: 'dataBar', cfvo: [{ type: 'min' }, { type: 'max' }] });
  });

  it('formula-looking text is a text cell, shown and never run', () => {
    const c = ws.getCell('A6');
    expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(c.value).toBe('=HYPERLINK("http://x.example","clic")');
    expect(c.formula).toBeUndefined();
  });

  it('booleans as sí/no; column widths fit the longest value', () => {
    expect(ws.getCell('I5').value).toBe('sí');
    expect(ws.getCell('I6').value).toBe('no');
    expect(ws.getColumn(1).width).toBe('=HYPERLINK("http://x.example","clic")'.length + 2);
  });

  it('custom umbral and no sobrecumplimiento', async () => {
    const r = resultadoEjemplo();
    Object.assign(r.tablas[0].columnas[5], { umbral: 90, sobrecumplimiento: null });
    const ws2 = (await load(await renderXlsx(r))).worksheets[0];
    const rules = cfsOf(ws2).find((c) => c.ref === 'F5:F6')!.rules as ExcelJS.ExpressionRuleType[];
    expect(rules.map((x) => x.formulae![0])).toEqual(['AND(ISNUMBER(F5),F5>=0.9)', 'AND(ISNUMBER(F5),F5<0.9)']);
  });
});

describe('xlsx helpers', () => {
  it.each([
    [{ clave: 'a', titulo: 'a', tipo: 'porcentaje' as const }, '0.0%'],
    [{ clave: 'a', titulo: 'a', tipo: 'porcentaje' as const, decimales: 0 }, '0%'],
    [{ clave: 'a', titulo: 'a', tipo: 'numero' as const }, '#,##0.00'],
    [{ clave: 'a', titulo: 'a', tipo: 'entero' as const }, '#,##0'],
  ])('numFmt(%j) = %s', (c, f) => {
    expect(numFmt(c)).toBe(f);
  });

  it('sheet names: no forbidden characters, at most 31, unique', () => {
    const used = new Set<string>();
    expect(sheetName('a/b:c', used)).toBe('a b c');
    expect(sheetName('A B C', used)).toBe('A B C 2');
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31);
  });
});
