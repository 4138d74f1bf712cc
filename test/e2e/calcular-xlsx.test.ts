import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cargarIndicadores, configDe, cumplimientoSchema } from '../../src/cli/indicadores.js';
import { calcularResultado } from '../../src/indicadores/reporte.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { describeWorkbook, loadXlsx } from '../render/xlsx-compare.js';
import { pbr } from './run-cli.js';

const F = (name: string) => `fixtures/indicadores/${name}`;
const tmp = () => mkdtempSync(join(tmpdir(), 'pbr-xlsx-'));

/** The report as the in-memory renderer builds it from the same file and options. */
async function enMemoria(file: string, args: string[]): Promise<Uint8Array> {
  const raw: Record<string, string> = {};
  for (let k = 0; k < args.length; k += 2) raw[args[k].slice(2)] = args[k + 1];
  const o = cumplimientoSchema.parse(raw);
  const cfg = configDe(o);
  const { libro, report } = await cargarIndicadores(file, o, cfg);
  return renderXlsx(calcularResultado(libro, cfg, report.issues.filter((i) => i.severidad === 'advertencia')));
}

/** n indicators, ten per servicio (10 % each), efectivo 2010 and 2011, meta 2011 (70 %): rows for every sheet, no warnings. */
function csvGrande(n: number): string {
  const lines = ['Servicio;Indicador;Unidad;Sentido;Ponderación;Numerador 2010;Denominador 2010;Numerador 2011;Denominador 2011;Numerador Meta 2011;Denominador Meta 2011'];
  for (let i = 0; i < n; i++) {
    const s = Math.floor(i / 10) + 1;
    lines.push(`Servicio ${s};Indicador de prueba con un nombre largo número ${i + 1};%;Ascendente;10%;${40 + (i % 30)};100;${60 + (i % 30)};100;70;100`);
  }
  return `${lines.join('\n')}\n`;
}

describe('indicadores calcular -o x.xlsx: streamed, the same workbook as in memory', () => {
  it.each([
    ['antofagasta-productos.xlsx', []],
    ['antofagasta-productos.xlsx', ['--umbral', '90', '--sobrecumplimiento', '0']],
    ['presentacion-coquimbo-biobio.xlsx', []],
    ['tabular-coquimbo-biobio.csv', []],
    ['fraccion-valor.csv', []],
  ])('%s %j', async (name, args) => {
    const out = join(tmp(), 'r.xlsx');
    const r = pbr(['indicadores', 'calcular', F(name), ...args, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const streamed = await loadXlsx(readFileSync(out));
    expect(streamed.worksheets.map((w) => w.name)).toEqual(['Valores', 'Cumplimiento', 'Servicios']);
    expect(describeWorkbook(streamed)).toEqual(describeWorkbook(await loadXlsx(await enMemoria(F(name), args))));
  });

  it('many rows: cumplimiento kept aside in a temporary file until Valores is done, then removed', async () => {
    const dir = tmp();
    const spools = tmp();
    const csv = join(dir, 'grande.csv');
    writeFileSync(csv, csvGrande(20_000));
    const out = join(dir, 'r.xlsx');
    const r = pbr(['indicadores', 'calcular', csv, '-o', out], { env: { TMPDIR: spools } });
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['grande.csv', 'r.xlsx']);
    expect(readdirSync(spools)).toEqual([]);
    const wb = await loadXlsx(readFileSync(out));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Valores', 'Cumplimiento', 'Servicios']);
    const c = wb.getWorksheet('Cumplimiento')!;
    expect(c.getCell('B20004').value).toBe('Indicador de prueba con un nombre largo número 20000');
    expect(c.getCell('G20004').value).toBeCloseTo(79 / 70, 9);
    expect(c.autoFilter).toBe('A4:I20004');
    // Three rows an indicator: 2010, 2011 and meta 2011.
    expect(wb.getWorksheet('Valores')!.getCell('H60003').value).toEqual({ formula: 'E60003/F60003*G60003', result: 79 });
    expect(wb.getWorksheet('Valores')!.autoFilter).toBe('A4:J60004');
    expect(wb.getWorksheet('Servicios')!.getCell('A2004').value).toBe('Servicio 2000');
  });

  it('invalid data: exit 1, no report and no temporary file left', () => {
    const dir = tmp();
    const spools = tmp();
    const r = pbr(['indicadores', 'calcular', F('valor-inconsistente.xlsx'), '-o', join(dir, 'r.xlsx')], { env: { TMPDIR: spools } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('corríjalos antes de calcular');
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(spools)).toEqual([]);
  });

  it('Ctrl-C while writing leaves neither the report nor its temporary files', async () => {
    const dir = tmp();
    const spools = tmp();
    const csv = join(dir, 'grande.csv');
    writeFileSync(csv, csvGrande(60_000));
    const bin = fileURLToPath(new URL('../../bin/pbr.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'indicadores', 'calcular', csv, '-o', join(dir, 'r.xlsx')], {
      env: { ...process.env, TMPDIR: spools },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupted once the cumplimiento rows have gone to their temporary file.
    for (let k = 0; k < 600 && readdirSync(spools).length === 0 && child.exitCode == null; k++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(spools)).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(dir)).toEqual(['grande.csv']);
    expect(readdirSync(spools)).toEqual([]);
    expect(existsSync(join(dir, 'r.xlsx'))).toBe(false);
  }, 60_000);
});
