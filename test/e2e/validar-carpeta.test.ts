import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pbr } from './run-cli.js';

// Run after `npx tsc -p tsconfig.build.json` (npm test builds first).
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pbr-validar-'));
  // A self-assessment whose first sheet is notes: the data sheet comes second.
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notas').addRows([['Autoevaluación enviada por la municipalidad'], ['Contacto: nadie']]);
  const crit = ['Criterio 1', 'Criterio 2', 'Criterio 3', 'Criterio 4', 'Criterio 5', 'Criterio 6', 'Criterio 7', 'Criterio 8'];
  wb.addWorksheet('Puntajes').addRows([['Municipio', ...crit], ['Ñuñoa', 1, 2, 3, 4, 5, 6, 7, 8], ['Maipú', 50, 2, 3, 4, 5, 6, 7, 8]]);
  await wb.xlsx.writeFile(join(dir, 'b-segunda-hoja.xlsx'));
  writeFileSync(join(dir, 'c-nada.csv'), 'a;b\n1;2\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURES = ['fixtures/indicadores/tabular-coquimbo-biobio.xlsx', 'fixtures/indicadores/texto-en-numero.csv', 'fixtures/autoevaluacion/ciclo-2013.csv', 'fixtures/autoevaluacion/detalle-2013.xlsx'];

describe.each([
  ['leídos enteros', { PBR_STREAM: 'never' }],
  ['como flujo', { PBR_STREAM: 'always' }],
])('pbr validar detecta cada libro por sus primeras filas (%s)', (_modo, env) => {
  it('tipo, validez y celdas iguales en ambos modos', () => {
    const r = pbr(['validar', dir, ...FIXTURES, '--formato', 'json'], { env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { archivos: { archivo: string; tipo: string; valido: boolean; issues: { codigo: string; celda: string | null }[] }[] };
    const by = Object.fromEntries(doc.archivos.map((a) => [a.archivo.split('/').pop(), [a.tipo, a.valido, a.issues.map((i) => `${i.codigo} ${i.celda}`)]]));
    expect(by).toEqual({
      'b-segunda-hoja.xlsx': ['autoevaluacion', false, ['puntaje-sobre-maximo Puntajes!B3']],
      'c-nada.csv': ['desconocido', false, ['tipo-desconocido null']],
      'tabular-coquimbo-biobio.xlsx': ['indicadores', true, expect.any(Array)],
      'texto-en-numero.csv': ['indicadores', false, expect.arrayContaining([expect.stringMatching(/^valor-no-numerico /)])],
      'ciclo-2013.csv': ['autoevaluacion', true, []],
      'detalle-2013.xlsx': ['autoevaluacion', true, []],
    });
  });
});
