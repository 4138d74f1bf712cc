import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { GORES } from '../../src/plantilla/autoevaluacion.js';
import { pbr } from './run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'pbr-plantilla-'));

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The drop-down's values: an inline list, or the range of the sheet it names. */
function listValues(wb: ExcelJS.Workbook, dv: ExcelJS.DataValidation): string[] {
  const f = String(dv.formulae[0]);
  if (f.startsWith('"')) return f.slice(1, -1).split(',');
  const [, sheet, c1, r1, , r2] = /^'?(.+?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(f)!;
  const ws = wb.getWorksheet(sheet)!;
  const out: string[] = [];
  for (let r = Number(r1); r <= Number(r2); r++) {
    const v = ws.getCell(`${c1}${r}`).value;
    if (v != null) out.push(String(v));
  }
  return out;
}

describe('pbr plantilla indicadores', async () => {
  const dir = tmp();
  const out = join(dir, 'ind.xlsx');
  const r = pbr(['plantilla', 'indicadores', '-o', out, '--anio', '2026']);
  const wb = await load(out);
  const ws = wb.worksheets[0];

  it('writes the workbook and says where, nothing on stdout', () => {
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pbr: plantilla de indicadores escrita en ${out}.\n`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Indicadores', 'Productos Estratégicos', 'Instrucciones']);
  });

  it('the tabular header, in the reader\'s grammar, frozen', () => {
    const h = (ws.getRow(1).values as string[]).slice(1);
    expect(h.slice(0, 9)).toEqual(['Servicio', 'Producto Estratégico', 'Indicador', 'Dimensión', 'Ámbito de Control', 'Fórmula', 'Unidad', 'Sentido', 'Ponderación']);
    expect(h[9]).toBe('Numerador 2024');
    expect(h[10]).toBe('Denominador 2024');
    expect(h.slice(-2)).toEqual(['Numerador Meta 2026', 'Denominador Meta 2026']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('drop-downs for dimensión, ámbito, sentido and producto; number checks and formats', () => {
    expect(listValues(wb, ws.getCell('D3').dataValidation)).toEqual(['Eficacia', 'Eficiencia', 'Economía', 'Calidad']);
    expect(listValues(wb, ws.getCell('E3').dataValidation)).toEqual(['Proceso', 'Producto', 'Resultado Intermedio', 'Resultado Final']);
    expect(listValues(wb, ws.getCell('H500').dataValidation)).toEqual(['Ascendente', 'Descendente']);
    expect(listValues(wb, ws.getCell('B3').dataValidation)).toEqual(['Administración financiera de la inversión del Gobierno Regional']);
    expect(ws.getCell('J3').dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getCell('I3').numFmt).toBe('0%');
    expect(ws.getCell('J3').numFmt).toBe('#,##0.00');
  });

  it('an instructions sheet in Spanish', () => {
    const text: string[] = [];
    wb.getWorksheet('Instrucciones')!.eachRow((row) => text.push(String(row.getCell(1).value)));
    expect(text[0]).toContain('Plantilla de indicadores');
    expect(text.join('\n')).toContain('pbr indicadores validar archivo.xlsx');
  });

  it('the example row validates (exit 0, no issue) and computes the seed\'s values', () => {
    const v = pbr(['indicadores', 'validar', out, '--formato', 'json', '--estricto']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).archivos[0].issues).toEqual([]);
    const c = pbr(['indicadores', 'calcular', out, '--formato', 'json']);
    expect(c.code).toBe(0);
    const cumplimientos = JSON.parse(c.stdout).indicadores.flatMap((i: { cumplimiento: { cumplimiento: number }[] }) => i.cumplimiento.map((x) => x.cumplimiento));
    expect(cumplimientos.map((x: number) => x.toFixed(1))).toContain('97.7');
    expect(pbr(['validar', out]).code).toBe(0);
  });

  it('a template filled with the seed\'s Coquimbo and Bío Bío rows validates and computes', async () => {
    const f = await load(out);
    const w = f.worksheets[0];
    // Bío Bío (seed): 1078/1142 2024, 1045/1095 2025, meta 2025 1020/1020, estimado 1020/1020, meta 960/1000.
    const row = ['Gobierno Regional del Biobío', 'Administración financiera de la inversión del Gobierno Regional', 'Porcentaje de iniciativas de inversión con RS', 'Eficacia', 'Producto', '(N° con RS / N° total)*100', '%', 'Ascendente', 1, 1078, 1142, 1045, 1095, 1020, 1020, 1020, 1020, 960, 1000];
    row.forEach((v, j) => {
      w.getCell(3, j + 1).value = v;
    });
    f.getWorksheet('Productos Estratégicos')!.getCell('A3').value = 1;
    f.getWorksheet('Productos Estratégicos')!.getCell('B3').value = 'Administración financiera de la inversión del Gobierno Regional';
    f.getWorksheet('Productos Estratégicos')!.getCell('C3').value = 'Gobierno Regional del Biobío';
    const filled = join(dir, 'llena.xlsx');
    await f.xlsx.writeFile(filled);
    const v = pbr(['indicadores', 'validar', filled, '--formato', 'json']);
    expect(v.code).toBe(0);
    const codes = JSON.parse(v.stdout).archivos[0].issues.map((i: { codigo: string }) => i.codigo);
    expect(codes).toEqual([]);
    const c = pbr(['indicadores', 'calcular', filled, '-o', join(dir, 'r.xlsx')]);
    expect(c.code).toBe(0);
    const rep = await load(join(dir, 'r.xlsx'));
    expect(rep.getWorksheet('Cumplimiento')!.rowCount).toBeGreaterThanOrEqual(6);
  });

  it('-o x.csv writes the header and the example, which validates', () => {
    const csv = join(dir, 'ind.csv');
    expect(pbr(['plantilla', 'indicadores', '-o', csv, '--anio', '2026']).code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFServicio;Producto Estratégico;Indicador;')).toBe(true);
    expect(text.split('\r\n')[1]).toContain(';Calidad;Producto;');
    expect(pbr(['indicadores', 'validar', csv]).code).toBe(0);
  });
});

describe('pbr plantilla autoevaluacion', async () => {
  const dir = tmp();
  const out = join(dir, 'auto.xlsx');
  const r = pbr(['plantilla', 'autoevaluacion', '-o', out, '--anio', '2013']);
  const wb = await load(out);
  const ws = wb.worksheets[0];

  it('the resumen layout: GORE, Ciclo, 8 criterios, Total', () => {
    expect(r.code).toBe(0);
    const h = (ws.getRow(1).values as string[]).slice(1);
    expect(h[0]).toBe('GORE');
    expect(h[1]).toBe('Ciclo');
    expect(h[2]).toBe('1. Liderazgo');
    expect(h[9]).toBe('8. Resultados');
    expect(h[10]).toBe('Total');
  });

  it('the 16 official GORE names as a drop-down (on a hidden sheet: longer than 255 characters)', () => {
    expect(GORES).toHaveLength(16);
    expect(listValues(wb, ws.getCell('A2').dataValidation)).toEqual(GORES);
    expect(wb.getWorksheet('Listas')!.state).toBe('hidden');
    expect(ws.getCell('C2').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 45] });
    expect(ws.getCell('J2').dataValidation).toMatchObject({ formulae: [0, 100] });
  });

  it('the example validates and computes', () => {
    expect(pbr(['autoevaluacion', 'validar', out, '--estricto']).code).toBe(0);
    expect(pbr(['validar', out]).code).toBe(0);
    const c = pbr(['autoevaluacion', 'calcular', out, '--formato', 'json']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('238');
  });

  it('without -o: plantilla-<tipo>.xlsx in the current folder, never written over', () => {
    const cwd = tmp();
    const bin = new URL('../../bin/pbr.js', import.meta.url).pathname;
    const run = () => spawnSync(process.execPath, [bin, 'plantilla', 'autoevaluacion'], { cwd, encoding: 'utf8' });
    const first = run();
    expect(first.status).toBe(0);
    expect(existsSync(join(cwd, 'plantilla-autoevaluacion.xlsx'))).toBe(true);
    const second = run();
    expect(second.status).toBe(2);
    expect(second.stderr).toBe('pbr: plantilla-autoevaluacion.xlsx ya existe; indique otro archivo con -o.\n');
  });
});
