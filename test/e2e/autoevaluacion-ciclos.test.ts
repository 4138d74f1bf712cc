import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calcularCiclo } from '../../src/autoevaluacion/calcular.js';
import { leerCiclo } from '../../src/autoevaluacion/leer.js';
import { resultadoCalculoCiclos } from '../../src/autoevaluacion/tablas-ciclos.js';
import { readWorkbook } from '../../src/io/read-workbook.js';
import { renderJson } from '../../src/render/json.js';
import { pbr } from './run-cli.js';

// Run after `npx tsc -p tsconfig.build.json` (npm test builds first).
const CODIGOS = [[9, 5, 5], [6, 3], [5, 3, 5, 5, 4], [4, 5, 7, 4], [9, 4, 4, 4], [3, 4, 2, 5], [6, 7, 3], [3, 2, 2, 3, 2]].flatMap((subs, c) =>
  subs.flatMap((k, s) => Array.from({ length: k }, (_, e) => `${c + 1}.${s + 1}.${String.fromCharCode(97 + e)}`)),
);
const MUNICIPIOS = ['Ñuñoa', 'Maipú', 'Peñalolén', 'Valparaíso', 'Chillán'];
const ANOS = [2014, 2015, 2016];
/** Año, Municipio, Elemento, Puntaje: 5 municipios × 133 elementos × 3 ciclos. */
const filas = (): (string | number)[][] => ANOS.flatMap((a, c) => MUNICIPIOS.flatMap((m, j) => CODIGOS.map((k, i) => [a, m, k, (i + j + c) % 6])));

let dir: string;
let csv: string;
let xlsx: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pbr-ae-ciclos-'));
  csv = join(dir, 'municipios.csv');
  writeFileSync(csv, Buffer.from(['Año;Municipio;Elemento;Puntaje', ...filas().map((f) => f.join(';'))].join('\r\n'), 'latin1'));
  xlsx = join(dir, 'municipios.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Detalle');
  ws.addRows([['Año', 'Municipio', 'Elemento', 'Puntaje'], ...filas()]);
  ws.getCell('D10').value = 7; // Ñuñoa 2014, 1.1.i
  await wb.xlsx.writeFile(xlsx);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['entero', {}],
  ['como flujo', { PBR_STREAM: 'always' }],
])('un libro de municipios con tres ciclos, leído %s', (_modo, env) => {
  it('validar lo acepta', () => {
    const r = pbr(['autoevaluacion', 'validar', csv], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('válido');
  });

  it('calcular --formato json da cada ciclo, igual que en el proceso', async () => {
    const r = pbr(['autoevaluacion', 'calcular', csv, '--formato', 'json'], { env });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.entidades).toEqual({ tipo: 'otra', titulo: 'Municipio' });
    expect(doc.ciclos.map((c: { ciclo: string; gores: unknown[] }) => [c.ciclo, c.gores.length])).toEqual([['2014', 5], ['2015', 5], ['2016', 5]]);
    const { ciclos } = leerCiclo(await readWorkbook(csv));
    expect(r.stdout).toBe(renderJson(resultadoCalculoCiclos(ciclos!, ciclos!.map((c) => calcularCiclo(c)), { detalle: false, notas: [] })));
  });

  it('un elemento 7 en el xlsx se nombra por su celda', () => {
    const r = pbr(['autoevaluacion', 'validar', xlsx, '--formato', 'json'], { env });
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout).archivos[0].issues;
    expect(issues.map((i: { codigo: string; celda: string }) => [i.codigo, i.celda])).toEqual([['puntaje-elemento-invalido', 'Detalle!D10']]);
  });
});

describe('elegir ciclos', () => {
  it('calcular --ciclo da ese ciclo solo, como un libro de un ciclo', () => {
    const r = pbr(['autoevaluacion', 'calcular', csv, '--ciclo', '2015', '--formato', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect([doc.ciclo, doc.gores.length, doc.ciclos]).toEqual(['2015', 5, undefined]);
    expect(doc.gores[0].region).toBeNull();
  });

  it('calcular --ciclo que el libro no tiene: salida 2 con sus ciclos', () => {
    const r = pbr(['autoevaluacion', 'calcular', csv, '--ciclo', '1999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no tiene el ciclo «1999»; sus ciclos son «2014», «2015», «2016»');
  });

  it('calcular --formato csv --tabla ciclos: una fila por ciclo', () => {
    const r = pbr(['autoevaluacion', 'calcular', csv, '--formato', 'csv', '--tabla', 'ciclos']);
    expect(r.code).toBe(0);
    const lineas = r.stdout.trim().split('\r\n');
    expect(lineas[0]).toMatch(/^Ciclo,N° \(Municipio\),C1 \(45\),/);
    expect(lineas.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['2014,5', '2015,5', '2016,5']);
  });

  it('la tabla muestra cada ciclo con sus municipios', () => {
    const r = pbr(['autoevaluacion', 'calcular', csv]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Autoevaluación, 3 ciclos');
    expect(r.stdout).toMatch(/│ 2016\s+│\s+\d+ │ Chillán/);
  });

  it('comparar dos ciclos de un mismo libro con --etiquetas', () => {
    const r = pbr(['autoevaluacion', 'comparar', csv, csv, '--etiquetas', '2014,2016']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Comparación ciclo 1 (2014) y ciclo 2 (2016): 5 entidades (Municipio)');
    expect(r.stdout).toMatch(/│ Peñalolén\s+│/);
  });

  it('comparar un libro de varios ciclos sin --etiquetas: salida 2 y cómo decirlo', () => {
    const r = pbr(['autoevaluacion', 'comparar', csv, csv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('trae 3 ciclos («2014», «2015», «2016»): diga cuáles comparar con --etiquetas');
  });
});

describe('municipios en un resumen', () => {
  it('un municipio repetido es un error en su celda; una región desconocida en una columna Municipio no lo es', () => {
    const f = join(dir, 'resumen.csv');
    const crit = 'Criterio 1;Criterio 2;Criterio 3;Criterio 4;Criterio 5;Criterio 6;Criterio 7;Criterio 8';
    writeFileSync(f, ['Municipio;' + crit, 'Ñuñoa;1;1;1;1;1;1;1;1', 'Gotham;1;1;1;1;1;1;1;1', 'ÑUÑOA;1;1;1;1;1;1;1;1'].join('\n'));
    const r = pbr(['autoevaluacion', 'validar', f, '--formato', 'json']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout).archivos[0].issues;
    expect(issues.map((i: { codigo: string; celda: string }) => [i.codigo, i.celda])).toEqual([['entidad-duplicada', 'A4']]);
  });
});
