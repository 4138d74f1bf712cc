import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderXlsxAnotado } from '../../src/render/xlsx-anotado.js';
import { pbr } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'pbr-anotado-ilegible-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Archivo, Severidad, Código and Mensaje of each row below the header. */
const filas = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 4).concat((r as unknown[])[6]));

describe('validar -o x.xlsx with an unreadable file among others', () => {
  it('writes the workbook: no copy of the unreadable file, its archivo-ilegible in Problemas; exit 1', async () => {
    const out = join(dir, 'anotado.xlsx');
    const r = pbr(['validar', 'fixtures/autoevaluacion/invalido-varios.csv', 'fixtures/indicadores/no-es-libro.xlsx', '-o', out]);
    expect(r.code, r.stderr).toBe(1);
    const wb = await load(readFileSync(out));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Problemas', 'invalido-varios']);
    const problemas = filas(wb.getWorksheet('Problemas')!);
    expect(problemas).toContainEqual(['fixtures/indicadores/no-es-libro.xlsx', 'error', 'archivo-ilegible', expect.stringMatching(/no es un libro \.xlsx/)]);
    expect(problemas.filter((p) => p[0] === 'fixtures/autoevaluacion/invalido-varios.csv').length).toBeGreaterThan(0);
  });
});

describe('renderXlsxAnotado: a file that could not be read again for its copy', () => {
  it('says so in Problemas when its report does not', async () => {
    const v = { valido: true, estricto: false, errores: 0, advertencias: 0, limite: null, reportes: [{ archivo: 'grande.xlsx', tipo: 'indicadores', hoja: null, valido: true, issues: [], notas: [] }] };
    const bytes = await renderXlsxAnotado(v as never, [{ archivo: 'grande.xlsx', sheets: [], ilegible: 'pesa más de 10 bytes.' }]);
    const wb = await load(bytes);
    expect(filas(wb.getWorksheet('Problemas')!)).toEqual([['grande.xlsx', 'advertencia', 'copia-omitida', 'No se incluye una copia de este archivo: pesa más de 10 bytes.']]);
  });
});
