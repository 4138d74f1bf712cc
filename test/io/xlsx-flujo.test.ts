import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/io/cell.js';
import { leerFilas } from './filas.js';
import { decodificar, LectorXmlHoja, XmlMalFormado, type Etiqueta } from '../../src/io/xml-hoja.js';
// @ts-expect-error: a plain .mjs script, no types
import { xlsx } from '../../scripts/fixtures/lib/zip.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pbr-xlsx-flujo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const leer = async (file: string, stream: 'always' | 'never') => (await leerFilas(file, stream)).out;

/** Everything a plain cell carries. */
const vista = (sheets: { sheet: string; rows: Row[] }[]) =>
  sheets.map((s) => ({
    sheet: s.sheet,
    rows: s.rows.map((r) => [
      r.index,
      r.cells.map((c) =>
        c ? { a: c.address, v: c.value instanceof Date ? c.value.toISOString() : c.value, e: c.error ?? null, p: !!c.percent, d: c.formatDecimals ?? null, m: !!c.merged, f: !!c.formula } : null,
      ),
    ]),
  }));

describe('the streaming reader (xlsx-flujo) reads what exceljs reads whole, cell by cell', () => {
  const texto = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('Región de Ñuble', 'a < b & c > "d" \'e\'', '_x000D_', 'línea\nnueva', ' espacios ', '4.074', '71 % (152/214)*100', '€ “comillas” – guion'),
  );
  const valor = fc.oneof(
    texto.map((v) => ({ value: v })),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((v) => ({ value: v })),
    fc.integer({ min: 0, max: 1000 }).map((v) => ({ value: v / 1000, numFmt: '0.0%' })),
    fc.integer({ min: 0, max: 100000 }).map((v) => ({ value: v / 100, numFmt: '#,##0.00' })),
    fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => ({ value: new Date(Math.round(d.getTime() / 1000) * 1000), numFmt: 'dd-mm-yyyy' })),
    fc.boolean().map((v) => ({ value: v })),
    fc.integer({ min: -5, max: 5 }).map((v) => ({ value: { formula: `${v}*2`, result: v * 2 } })),
    texto.map((v) => ({ value: { formula: 'A1&""', result: v } })),
    fc.constant({ value: { formula: '1/0', result: { error: '#DIV/0!' } } }),
    fc.constant({ value: { error: '#N/A' } }),
    fc.tuple(texto, texto).map(([a, b]) => ({ value: { richText: [{ text: a, font: { bold: true } }, { text: b }] } })),
  );
  const hoja = fc.array(fc.array(fc.option(valor, { nil: null }), { maxLength: 6 }), { minLength: 1, maxLength: 8 });

  it('random workbooks written by exceljs: values, formats, dates, formulas, errors, rich text, merged ranges, two sheets', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(hoja, hoja, fc.boolean(), async (a, b, merge) => {
        const wb = new ExcelJS.Workbook();
        for (const [name, rows] of [['Indicadores', a], ['Otra hoja', b]] as const) {
          const ws = wb.addWorksheet(name);
          rows.forEach((cells, r) =>
            cells.forEach((c, col) => {
              if (!c) return;
              const cell = ws.getCell(r + 1, col + 1);
              cell.value = c.value as ExcelJS.CellValue;
              if ('numFmt' in c && c.numFmt) cell.numFmt = c.numFmt;
            }),
          );
          if (merge && rows.length >= 3) ws.mergeCells('B2:C3');
        }
        const file = join(dir, `azar-${k++}.xlsx`);
        await wb.xlsx.writeFile(file);
        const whole = await leer(file, 'never');
        const streamed = await leer(file, 'always');
        rmSync(file);
        expect(vista(streamed)).toEqual(vista(whole));
      }),
      { numRuns: 60 },
    );
  });

  it('a workbook larger than one inflated piece: no character cut in two where a piece ends (exceljs streaming gave U+FFFD)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Indicadores');
    for (let r = 1; r <= 6000; r++) ws.addRow([`Servicio Público N° ${r} — Región de Ñuble`, r / 7, `Categoría ${'áéíóú'.repeat(r % 5)}`]);
    const file = join(dir, 'grande.xlsx');
    await wb.xlsx.writeFile(file);
    const whole = await leer(file, 'never');
    const streamed = await leer(file, 'always');
    expect(vista(streamed)).toEqual(vista(whole));
    expect(JSON.stringify(vista(streamed))).not.toContain('\ufffd');
    expect(streamed[0].rows[4999].cells[0]?.value).toBe('Servicio Público N° 5000 — Región de Ñuble');
  });

  it('sheets in tab order, hidden ones included, whatever their ids', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('Primera creada');
    const b = wb.addWorksheet('Segunda creada', { state: 'hidden' });
    const c = wb.addWorksheet('Tercera creada');
    a.getCell('A1').value = 'a';
    b.getCell('A1').value = 'b';
    c.getCell('A1').value = 'c';
    // exceljs keeps the tab position in orderNo (not in its typings).
    const orden = (ws: ExcelJS.Worksheet, n: number) => ((ws as unknown as { orderNo: number }).orderNo = n);
    orden(a, 3);
    orden(b, 1);
    orden(c, 2);
    const file = join(dir, 'orden.xlsx');
    await wb.xlsx.writeFile(file);
    const whole = await leer(file, 'never');
    const streamed = await leer(file, 'always');
    expect(streamed.map((h) => h.sheet)).toEqual(['Segunda creada', 'Tercera creada', 'Primera creada']);
    expect(vista(streamed)).toEqual(vista(whole));
  });

  it('a sheet written by hand: inline strings, entities, comments, single quotes, a > inside a value, a cell with no r', async () => {
    const sheetData =
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Servicio &amp; Región</t></is></c><c r='B1' t='inlineStr'><is><r><t>Ri</t></r><r><t xml:space="preserve">co </t></r></is></c></row>` +
      `<!-- un comentario <c> que no es celda --><row r="3" spans="1:3"><c r="A3"><v>1.5</v></c><c><v>&#50;</v></c><c t="str" data-x="a>b"><v>&lt;texto&gt;</v></c></row>` +
      `<row r="4"><c r="B4" t="b"><v>1</v></c><c r="C4" t="e"><v>#REF!</v></c></row>`;
    const file = join(dir, 'a-mano.xlsx');
    writeFileSync(file, xlsx({ sheetData }));
    const whole = await leer(file, 'never');
    const streamed = await leer(file, 'always');
    expect(vista(streamed)).toEqual(vista(whole));
    const [r1, r3, r4] = streamed[0].rows;
    expect(r1.cells.map((c) => c?.value)).toEqual(['Servicio & Región', 'Rico ']);
    expect(r3.cells.map((c) => c?.address)).toEqual(['A3', 'B3', 'C3']);
    expect(r3.cells.map((c) => c?.value)).toEqual([1.5, 2, '<texto>']);
    expect(r4.index).toBe(4);
    expect(r4.cells[1]).toMatchObject({ address: 'B4', value: true });
    expect(r4.cells[2]).toMatchObject({ address: 'C4', error: '#REF!', value: null });
  });

  it('rows and cells without an r attribute (the spec allows it; exceljs whole refuses them) follow the previous one; CDATA is text (exceljs drops it)', async () => {
    const file = join(dir, 'sin-r.xlsx');
    writeFileSync(file, xlsx({ sheetData: '<row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c><c t="str"><v><![CDATA[<a & b>]]></v></c></row>' }));
    const [{ rows }] = await leer(file, 'always');
    expect(rows.map((r) => [r.index, ...r.cells.map((c) => c && `${c.address}=${String(c.value)}`)])).toEqual([[2, undefined, 'B2=1', 'C2=2'], [3, 'A3=3', 'B3=<a & b>']]);
  });

  it.each([
    ['nested deeper than Excel writes', `<row r="1">${'<a>'.repeat(300)}${'</a>'.repeat(300)}</row>`, /anida elementos a más de 256 niveles/],
    ['a close whose name only hashes like the open one', '<row r="1"><c r="A1"><v>1</v></c></sPw><row r="2"></row>', /no cierra el elemento abierto/],
    ['a shared string the workbook does not have', '<row r="1"><c r="A1" t="s"><v>7</v></c></row>', /usa el texto compartido 7, que el libro no tiene/],
    ['a row number that is not a number', '<row r="1e3"><c r="A1"><v>1</v></c></row>', /una fila con número inválido/],
    ['a malformed character reference', '<row r="1"><c r="A1" t="str"><v>&#65x;</v></c></row>', /referencia de carácter inválida/],
  ])('%s: damaged workbook (exit 2)', async (_name, sheetData, message) => {
    const file = join(dir, 'danado.xlsx');
    writeFileSync(file, xlsx({ sheetData }));
    await expect(leer(file, 'always')).rejects.toThrow(message);
  });

  it.each([
    ['out of order', '<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>', /la fila 1 viene después de la fila 2/],
    ['repeated', '<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="B1"><v>2</v></c></row>', /la fila 1 viene después de la fila 1/],
    ['number 0', '<row r="0"><c r="A1"><v>1</v></c></row>', /la fila 0 viene después de la fila 0/],
  ])('rows %s: refused with both rows named (a reader in one pass cannot sort them)', async (_name, sheetData, message) => {
    const file = join(dir, 'orden-filas.xlsx');
    writeFileSync(file, xlsx({ sheetData }));
    await expect(leer(file, 'always')).rejects.toThrow(message);
  });

  it('an empty <v/>, <v></v> or <is/> is no value, as exceljs reads them', async () => {
    const file = join(dir, 'vacias.xlsx');
    writeFileSync(file, xlsx({ sheetData: '<row r="1"><c r="A1"><v/></c><c r="B1" t="str"><v></v></c><c r="C1" t="inlineStr"><is/></c><c r="D1"><v>4</v></c></row>' }));
    const whole = await leer(file, 'never');
    const streamed = await leer(file, 'always');
    expect(vista(streamed)).toEqual(vista(whole));
    expect(streamed[0].rows[0].cells.map((c) => c?.address)).toEqual([undefined, undefined, undefined, 'D1']);
  });

  it('a tag with 50 000 attributes, some holding a >, is read in one pass', async () => {
    const attrs = Array.from({ length: 50_000 }, (_, k) => ` a${k}="${k % 3 ? 'x' : 'y>z'}"`).join('');
    const file = join(dir, 'atributos.xlsx');
    writeFileSync(file, xlsx({ sheetData: `<row r="1"${attrs}><c r="A1"><v>1</v></c></row>` }));
    const [{ rows }] = await leer(file, 'always');
    expect(rows[0].cells[0]?.value).toBe(1);
  });

  it('a truncated or mismatched sheet ends with the sheet named, as a damaged workbook (exit 2)', async () => {
    for (const sheetData of ['<row r="1"><c r="A1"><v>1</v></row>', '<row r="1"><c r="A1"><v>&bogus;</v></c></row>']) {
      const file = join(dir, 'roto.xlsx');
      writeFileSync(file, xlsx({ sheetData }));
      await expect(leer(file, 'always')).rejects.toThrow(/roto\.xlsx, hoja Indicadores: el XML de la hoja está mal formado/);
    }
  });
});

describe('LectorXmlHoja: the same events wherever the pieces are cut', () => {
  const xml =
    `<?xml version="1.0"?><x:worksheet xmlns:x="urn:x"><x:sheetData><!-- c --><x:row r="12"><x:c r="AB12" s="3" t="s"><x:v>7</x:v></x:c>` +
    `<x:c r='AC12' t="inlineStr" q="1>2"><x:is><x:t>a &lt;b&gt; &#xF1;&#241; "c"</x:t></x:is></x:c><x:c r="AD12"/></x:row></x:sheetData></x:worksheet>`;

  function eventos(pieces: string[]) {
    const out: string[] = [];
    let quiere = false;
    const r = new LectorXmlHoja({
      abre(t: Etiqueta) {
        out.push(`<${t.local}${t.local === 'c' ? ` col=${t.columna('r')} s=${t.entero('s')} t=${t.atributoDe('t', ['s'])} q=${t.atributo('q')}` : ''}${t.local === 'row' ? ` r=${t.entero('r')}` : ''}>`);
        quiere = t.local === 'v' || t.local === 't';
      },
      cierra(local) {
        out.push(`</${local}>`);
        quiere = false;
      },
      texto(t) {
        out.push(t);
      },
      quiereTexto: () => quiere,
    });
    for (const p of pieces) r.write(p);
    r.close();
    // Text may come in several pieces: joined, the events compare.
    return out.join('|').replace(/\|(?=[^<|])/g, '');
  }

  const entero = eventos([xml]);
  it('reads names without prefix, attributes in either quote, entities and numeric references', () => {
    expect(entero).toContain('<c col=28 s=3 t=s q=undefined>');
    expect(entero).toContain('<c col=29 s=NaN t=inlineStr q=1>2>');
    expect(entero).toContain('a <b> ññ "c"');
    expect(entero).toContain('<c col=30 s=NaN t=undefined q=undefined>|</c>');
    expect(entero).toContain('<row r=12>');
  });

  it.each([1, 2, 3, 7, 13])('cut every %i characters', (n) => {
    const pieces: string[] = [];
    for (let i = 0; i < xml.length; i += n) pieces.push(xml.slice(i, i + n));
    expect(eventos(pieces)).toEqual(entero);
  });

  it.each([
    ['a close that does not match', '<a><b></a></b>', /no cierra el elemento abierto/],
    ['the end inside an element', '<a><b>', /sin cerrar/],
    ['the end inside a tag', '<a><b x="1', /a mitad de una etiqueta/],
    ['an unknown entity', '<a><v>&nbsp;</v></a>', /entidad desconocida/],
    ['a bare ampersand', '<a><v>a & b</v></a>', /sin referencia/],
    ['an unquoted attribute', '<a><c r=A1></c></a>', /sin comillas/],
    ['two roots', '<a></a><b></b>', /después del elemento raíz/],
  ])('%s is malformed', (_name, text, message) => {
    const r = new LectorXmlHoja({ abre: (t) => void t.atributo('r'), cierra: () => {}, texto: () => {}, quiereTexto: () => true });
    expect(() => {
      r.write(text);
      r.close();
    }).toThrow(message);
    expect(() => {
      const r2 = new LectorXmlHoja({ abre: (t) => void t.atributo('r'), cierra: () => {}, texto: () => {}, quiereTexto: () => true });
      r2.write(text);
      r2.close();
    }).toThrow(XmlMalFormado);
  });

  it('decodificar: the five entities and numeric references, nothing else', () => {
    expect(decodificar('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;')).toBe('<>&"\'AB');
    expect(() => decodificar('&#0;')).toThrow(XmlMalFormado);
  });
});
