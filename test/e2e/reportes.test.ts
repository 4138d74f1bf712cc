import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { pbr } from './run-cli.js';

/** exceljs reads conditional formats into `conditionalFormattings`, which its typings omit. */
const cfsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;

const I = (n: string) => `fixtures/indicadores/${n}`;
const A = (n: string) => `fixtures/autoevaluacion/${n}`;
const tmp = () => mkdtempSync(join(tmpdir(), 'pbr-reportes-'));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function headers(ws: ExcelJS.Worksheet, row = 4): string[] {
  return (ws.getRow(row).values as unknown[]).slice(1).map(String);
}

/** Column number of a header in row 4 of a report sheet. */
function col(ws: ExcelJS.Worksheet, titulo: string): number {
  const k = headers(ws).indexOf(titulo);
  expect(k, `columna ${titulo}`).toBeGreaterThanOrEqual(0);
  return k + 1;
}

function expectReportSheet(ws: ExcelJS.Worksheet, fuente: string): void {
  expect(String(ws.getCell('A1').value).length).toBeGreaterThan(0);
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(String(ws.getCell('A2').value)).toContain(fuente);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  expect(ws.autoFilter).toMatch(/^A4:[A-Z]+\d+$/);
  const widths = ws.columns.slice(0, headers(ws).length).map((c) => c.width ?? 0);
  expect(widths.length).toBe(headers(ws).length);
  for (const w of widths) expect(w).toBeGreaterThanOrEqual(8);
}

describe('--formato xlsx for every calcular, resumen and comparar', () => {
  it('indicadores calcular: values as formulas with cached results, cumplimiento coloured by rule, totals', async () => {
    const dir = tmp();
    const out = join(dir, 'calcular.xlsx');
    const r = pbr(['indicadores', 'calcular', I('antofagasta-productos.xlsx'), '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Valores', 'Cumplimiento', 'Servicios']);
    for (const ws of wb.worksheets) expectReportSheet(ws, I('antofagasta-productos.xlsx'));

    const v = wb.getWorksheet('Valores')!;
    const [n, d, f, val] = ['Numerador', 'Denominador', 'Factor', 'Valor'].map((t) => col(v, t));
    let formulas = 0;
    for (let row = 5; row <= v.rowCount; row++) {
      const cell = v.getCell(row, val);
      if (cell.formula) {
        formulas++;
        const L = (c: number) => v.getColumn(c).letter;
        expect(cell.formula).toBe(`${L(n)}${row}/${L(d)}${row}*${L(f)}${row}`);
        const [num, den, fac] = [n, d, f].map((c) => v.getCell(row, c).value as number);
        expect(cell.result).toBeCloseTo((num / den) * fac, 9);
      }
    }
    expect(formulas).toBeGreaterThan(10);

    const c = wb.getWorksheet('Cumplimiento')!;
    const cc = col(c, 'Cumplimiento');
    const values = [] as number[];
    for (let row = 5; row < 5 + 8; row++) values.push(c.getCell(row, cc).value as number);
    // The seed's compliance (fixtures/indicadores/README.md), stored as fractions shown 0.0%.
    expect(values.map((x) => Math.round(x * 1000) / 10)).toEqual([102.1, 105.6, 75, 120, 99, 141.7, 100, 104.2]);
    expect(c.getCell(5, cc).numFmt).toBe('0.0%');
    const L = c.getColumn(cc).letter;
    const cf = cfsOf(c).find((x) => x.ref.startsWith(`${L}5:`))!;
    expect(cf.rules.map((x) => (x as ExcelJS.ExpressionRuleType).formulae![0])).toEqual([
      `AND(ISNUMBER(${L}5),${L}5>1.3)`,
      `AND(ISNUMBER(${L}5),${L}5>=0.95)`,
      `AND(ISNUMBER(${L}5),${L}5<0.95)`,
    ]);

    const s = wb.getWorksheet('Servicios')!;
    const obtenido = s.getCell(5, col(s, 'Obtenido'));
    expect(obtenido.value).toBeCloseTo(0.85, 12);
    expect(cfsOf(s).length).toBe(1);
  });

  it('indicadores resumen: the seed table, totals rows in bold', async () => {
    const out = join(tmp(), 'resumen.xlsx');
    expect(pbr(['indicadores', 'resumen', I('antofagasta-productos.xlsx'), '-o', out]).code).toBe(0);
    const ws = (await load(out)).worksheets[0];
    expectReportSheet(ws, I('antofagasta-productos.xlsx'));
    expect(headers(ws)).toEqual(['N°', 'Producto Estratégico', 'Total', 'Resultado', 'Producto', 'Proceso']);
    const rows = [5, 6, 7, 8, 9].map((r) => [3, 4, 5, 6].map((c) => ws.getCell(r, c).value));
    expect(rows).toEqual([[5, 0, 3, 2], [2, 0, 2, 0], [0, 0, 0, 0], [1, 0, 1, 0], [8, 0, 6, 2]]);
    expect(ws.getCell('B9').value).toBe('Total Indicadores');
    expect(ws.getCell('B9').font?.bold).toBe(true);
    expect(ws.getCell('C9').font?.bold).toBe(true);
    expect(ws.getCell('B5').font?.bold).toBeFalsy();
  });

  it('autoevaluacion calcular: % logro as fractions with data bars', async () => {
    const out = join(tmp(), 'ciclo.xlsx');
    const r = pbr(['autoevaluacion', 'calcular', A('ciclo-2010.xlsx'), '-o', out]);
    expect(r.code).toBe(0);
    const wb = await load(out);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    for (const ws of wb.worksheets) expectReportSheet(ws, A('ciclo-2010.xlsx'));
    const bars = wb.worksheets.flatMap((ws) => cfsOf(ws).flatMap((c) => c.rules)).filter((x) => x.type === 'dataBar');
    expect(bars.length).toBeGreaterThan(0);
    const pct = wb.worksheets.flatMap((ws) => {
      const out: ExcelJS.Cell[] = [];
      ws.eachRow((row, n) => n > 4 && row.eachCell((c) => c.numFmt?.endsWith('%') && typeof c.value === 'number' && out.push(c)));
      return out;
    });
    expect(pct.length).toBeGreaterThan(0);
    for (const c of pct) expect(c.value as number).toBeLessThanOrEqual(1.0000001);
  });

  it('autoevaluacion comparar: the seed comparison, % mejora with a data bar, totals in bold', async () => {
    const out = join(tmp(), 'comparar.xlsx');
    const r = pbr(['autoevaluacion', 'comparar', A('ciclo-2010.xlsx'), A('ciclo-2013.csv'), '-o', out]);
    expect(r.code).toBe(0);
    const wb = await load(out);
    const ws = wb.worksheets[0];
    expectReportSheet(ws, A('ciclo-2013.csv'));
    const mejora = headers(ws).findIndex((h) => /mejora/i.test(h)) + 1;
    expect(mejora).toBeGreaterThan(0);
    const L = ws.getColumn(mejora).letter;
    expect(cfsOf(ws).some((c) => c.ref.startsWith(`${L}5:`) && c.rules[0].type === 'dataBar')).toBe(true);
    // Seed: Liderazgo 13,8 %, … Total 14,5 % (percentage points, stored as fractions), written as
    // a formula over the row's averages and máximo, with its cached result.
    const num = (v: ExcelJS.CellValue) => (v && typeof v === 'object' && 'result' in v ? (v.result as number) : (v as number));
    const col = (re: RegExp) => ws.getColumn(headers(ws).findIndex((h) => re.test(h)) + 1).letter;
    const [p1, p2, max] = [col(/^Promedio 2010/), col(/^Promedio 2013/), col(/^Máximo/)];
    expect(ws.getCell(5, mejora).formula).toBe(`((${p2}5-${p1}5)/${max}5*100)/100`);
    expect(ws.getCell(5, mejora - 1).formula).toBe(`(${p2}5/${max}5*100)/100`);
    expect(Math.round(num(ws.getCell(5, mejora).value) * 1000) / 10).toBe(13.8);
    const gores = wb.worksheets[1];
    const g = (re: RegExp) => gores.getColumn(headers(gores).findIndex((h) => re.test(h)) + 1).letter;
    expect(gores.getCell(`${g(/^Diferencia/)}5`).formula).toBe(`${g(/^Total 2013/)}5-${g(/^Total 2010/)}5`);
    expect(gores.getCell(`${g(/^Cambio/)}5`).formula).toBe(`${g(/^Rank\. 2010/)}5-${g(/^Rank\. 2013/)}5`);
    let total = 0;
    ws.eachRow((row, n) => {
      if (String(row.getCell(1).value).startsWith('Total') || String(row.getCell(2).value).startsWith('Total')) total = n;
    });
    expect(total).toBeGreaterThan(5);
    expect(Math.round(num(ws.getCell(total, mejora).value) * 1000) / 10).toBe(14.5);
    expect(ws.getCell(total, mejora).font?.bold).toBe(true);
  });

  it('xlsx is refused to standard output (exit 2, nothing on stdout); -o x.xlsx implies the format', () => {
    const r = pbr(['indicadores', 'calcular', I('antofagasta-productos.xlsx'), '--formato', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('pbr: --formato xlsx escribe un libro Excel, no texto: use -o archivo.xlsx.\n');
  });

  it('-o x.md writes Markdown; --formato markdown on stdout', () => {
    const out = join(tmp(), 'resumen.md');
    expect(pbr(['indicadores', 'resumen', I('antofagasta-productos.xlsx'), '-o', out]).code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('| N° | Producto Estratégico | Total | Resultado | Producto | Proceso |');
    expect(md).toContain('|  | **Total Indicadores** | **8** | **0** | **6** | **2** |');
    const r = pbr(['autoevaluacion', 'comparar', A('ciclo-2010.xlsx'), A('ciclo-2013.csv'), '--formato', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### /);
    expect(r.stdout).toContain('13,8%');
  });
});

describe('validar -o x.xlsx: the annotated copy', () => {
  it('an xlsx input: "Problemas" first, linked to the cell, which is highlighted with the message as a note; the input is untouched', async () => {
    const dir = tmp();
    const out = join(dir, 'anotado.xlsx');
    const before = sha(I('valor-inconsistente.xlsx'));
    const r = pbr(['indicadores', 'validar', I('valor-inconsistente.xlsx'), '-o', out]);
    expect(r.code).toBe(1);
    expect(sha(I('valor-inconsistente.xlsx'))).toBe(before);
    const wb = await load(out);
    expect(wb.worksheets[0].name).toBe('Problemas');
    expect(wb.worksheets.map((w) => w.name)).toContain('Indicadores');
    const p = wb.worksheets[0];
    expect(headers(p, 1)).toEqual(['Archivo', 'Severidad', 'Código', 'Celda', 'Valor', 'Mensaje']);
    const rows = p.getRows(2, p.rowCount - 1)!.map((row) => row.getCell(3).value);
    const k = rows.indexOf('valor-inconsistente') + 2;
    expect(p.getCell(k, 4).value).toEqual({ formula: 'HYPERLINK("#Indicadores!K2","Indicadores!K2")', result: 'Indicadores!K2' });
    const cell = wb.getWorksheet('Indicadores')!.getCell('K2');
    expect(cell.value).toBe(0.81);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    const note = cell.note as string | ExcelJS.Comment;
    expect(typeof note === 'string' ? note : note.texts!.map((t) => t.text).join('')).toContain(`Error valor-inconsistente: ${p.getCell(k, 6).value}`);
    // Cells without an issue carry no note.
    let notes = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (c.note && notes++))));
    expect(notes).toBe(new Set(rows.map((_, i) => String(p.getCell(i + 2, 4).result ?? p.getCell(i + 2, 4).value))).size);
  });

  it('a CSV input: a workbook built from its rows, the note on the issue\'s cell', async () => {
    const out = join(tmp(), 'csv.xlsx');
    expect(pbr(['indicadores', 'validar', I('texto-en-numero.csv'), '-o', out]).code).toBe(1);
    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Problemas', 'texto-en-numero']);
    const cell = wb.getWorksheet('texto-en-numero')!.getCell('I2');
    expect(cell.value).toBe('ciento cincuenta');
    expect(JSON.stringify(cell.note)).toContain('valor-no-numerico');
    expect(wb.getWorksheet('texto-en-numero')!.getCell('C2').note).toBeUndefined();
  });

  it('pbr validar of several files: each file\'s sheets, linked from one list', async () => {
    const out = join(tmp(), 'varios.xlsx');
    const r = pbr(['validar', I('valor-inconsistente.xlsx'), A('invalido-total.csv'), '-o', out]);
    expect(r.code).toBe(1);
    const wb = await load(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Problemas');
    expect(names).toContain('valor-inconsistente Indicadores');
    const p = wb.worksheets[0];
    const links: string[] = [];
    p.eachRow((row, n) => {
      const v = row.getCell(4).value as ExcelJS.CellFormulaValue;
      if (n > 1 && v && typeof v === 'object' && 'formula' in v) links.push(v.formula);
    });
    expect(links).toContain("HYPERLINK(\"#'valor-inconsistente Indicadores'!K2\",\"Indicadores!K2\")");
    for (const l of links) {
      const [, sheet, addr] = /^HYPERLINK\("#'?(.+?)'?!([A-Z]+\d+)"/.exec(l)!;
      expect(wb.getWorksheet(sheet.replace(/''/g, "'"))!.getCell(addr).note).toBeDefined();
    }
  });

  it('-o naming the input is refused and the input kept', () => {
    const dir = tmp();
    const f = join(dir, 'x.xlsx');
    writeFileSync(f, readFileSync(I('valor-inconsistente.xlsx')));
    const before = sha(f);
    const r = pbr(['indicadores', 'validar', f, '-o', f]);
    expect(r.code).toBe(2);
    expect(sha(f)).toBe(before);
    expect(readdirSync(dir)).toEqual(['x.xlsx']);
  });
});

describe('formula-looking input text comes out inert', () => {
  // The seed's Coquimbo row, with a hostile indicator name and servicio.
  const hostil = () => {
    const dir = tmp();
    const f = join(dir, 'hostil.csv');
    const csv = [
      'Servicio;Producto Estratégico;Indicador;Dimensión;Ámbito de Control;Unidad;Sentido;Ponderación;Numerador 2025;Denominador 2025;Numerador Meta 2025;Denominador Meta 2025',
      '@SUM(1+1);Administración financiera;=HYPERLINK("http://malo.example","clic");Calidad;Producto;%;Ascendente;100%;262;281;250;262',
    ].join('\r\n');
    writeFileSync(f, `${csv}\r\n`);
    return { dir, f };
  };

  it('in the xlsx report: text cells, no formulas', async () => {
    const { dir, f } = hostil();
    const out = join(dir, 'r.xlsx');
    const r = pbr(['indicadores', 'calcular', f, '-o', out]);
    expect(r.code).toBe(0);
    const wb = await load(out);
    let seen = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'string' && /^[=@]/.test(c.value)) {
            seen++;
            expect(c.type).toBe(ExcelJS.ValueType.String);
          }
          if (c.formula) expect(c.formula).not.toMatch(/HYPERLINK|SUM/);
        }),
      ),
    );
    expect(seen).toBeGreaterThan(0);
  });

  it('in CSV output: prefixed with an apostrophe', () => {
    const { f } = hostil();
    const r = pbr(['indicadores', 'calcular', f, '--formato', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://malo.example"",""clic"")"`);
    expect(r.stdout).toContain("'@SUM(1+1)");
    expect(r.stdout).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('in the annotated copy of a CSV: text cells', async () => {
    const { dir, f } = hostil();
    const out = join(dir, 'a.xlsx');
    pbr(['indicadores', 'validar', f, '-o', out, '--estricto']);
    expect(existsSync(out)).toBe(true);
    const ws = (await load(out)).getWorksheet('hostil')!;
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C2').value).toBe('=HYPERLINK("http://malo.example","clic")');
    expect(ws.getCell('A2').value).toBe('@SUM(1+1)');
  });
});

describe('validar for CI', () => {
  it('--formato github: one annotation per issue with file, line, col and title', () => {
    const r = pbr(['validar', I('valor-inconsistente.xlsx'), '--formato', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=fixtures\/indicadores\/valor-inconsistente\.xlsx,line=2,col=11,title=valor-inconsistente \(Indicadores!K2\)::/m);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^::notice title=pbr validar::1 archivo\(s\), 1 no válido\(s\)/);
  });

  it('--formato github is only for validar', () => {
    const r = pbr(['indicadores', 'calcular', I('antofagasta-productos.xlsx'), '--formato', 'github']);
    expect(r.code).toBe(2);
  });

  it('--estricto: a file with only warnings fails', () => {
    expect(pbr(['validar', I('antofagasta-productos.xlsx')]).code).toBe(0);
    const r = pbr(['validar', I('antofagasta-productos.xlsx'), '--estricto', '--formato', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valido: false, estricto: true, advertencias: 1 });
  });

  it('--max-errores caps the report and says so; the exit code still counts everything', () => {
    const r = pbr(['validar', A('invalido-varios.csv'), '--max-errores', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Reporte limitado a 1 problema\(s\) por --max-errores: se omitieron \d+\./);
    expect(pbr(['validar', A('invalido-varios.csv'), '--max-errores', 'cero']).code).toBe(2);
  });

  it('pbr validar on folders and globs: detects each file\'s kind, one report, exit 1 if any is invalid', () => {
    const r = pbr(['validar', 'fixtures/autoevaluacion', 'fixtures/indicadores/*.xlsx', '--formato', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { archivos: { archivo: string; tipo: string; valido: boolean; porCodigo: Record<string, number> }[] };
    const by = Object.fromEntries(doc.archivos.map((a) => [a.archivo, a]));
    expect(by[A('ciclo-2010.xlsx')]).toMatchObject({ tipo: 'autoevaluacion', valido: true });
    expect(by[A('ciclo-2013.csv')]).toMatchObject({ tipo: 'autoevaluacion', valido: true });
    expect(by[A('invalido-total.csv')]).toMatchObject({ tipo: 'autoevaluacion', valido: false });
    expect(by[I('antofagasta-productos.xlsx')]).toMatchObject({ tipo: 'indicadores', valido: true });
    expect(by[I('columna-faltante.xlsx')]).toMatchObject({ tipo: 'indicadores', valido: false });
    expect(by[I('no-es-libro.xlsx')].porCodigo).toEqual({ 'archivo-ilegible': 1 });
    expect(Object.keys(by).some((f) => f.endsWith('.csv') && f.startsWith('fixtures/indicadores'))).toBe(false);
  });

  it('only valid files: exit 0', () => {
    const r = pbr(['validar', A('ciclo-2010.xlsx'), I('tabular-coquimbo-biobio.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 error(es)');
  });

  it('one unreadable file alone is exit 2; a glob that matches nothing is exit 2', () => {
    expect(pbr(['validar', I('vacio.csv')]).code).toBe(2);
    const r = pbr(['validar', 'fixtures/nada/*.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pbr: fixtures/nada/*.xlsx: ningún archivo coincide con el patrón.\n');
  });
});
