import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueCollector } from '../../src/core/report.js';
import { readWorkbook } from '../../src/io/read-workbook.js';
import { CONFIG_DIPRES, computeServicio } from '../../src/indicadores/calcular.js';
import { leerIndicadores } from '../../src/indicadores/leer-libro.js';
import { computeResumen } from '../../src/indicadores/resumen.js';
import type { LibroIndicadores } from '../../src/indicadores/schema.js';
import { validarLibro } from '../../src/indicadores/validar.js';

// Presentation layout (DOMAIN.md §1) whose header carries descriptive columns besides the years:
// each indicator row gives its dimensión/ámbito, ponderación, sentido and unidad.
const HEADER = ['Indicador', 'Dimensión/Ámbito', 'Ponderación', 'Sentido', 'Unidad', '2010', '2011', '2011 Meta', '2012\nMeta'];
const INDICADORES = [
  { producto: 'Producto A', nombre: 'Ind A1', da: 'Eficacia/Producto', pond: 0.6, sentido: 'Ascendente', num: [80, 90, 85, 92] },
  { producto: null, nombre: 'Ind A2', da: 'Calidad/Proceso', pond: 0.3, sentido: 'Descendente', num: [50, 40, 60, 55] },
  { producto: 'Producto B', nombre: 'Ind B1', da: 'Eficiencia/Resultado Intermedio', pond: 0.1, sentido: 'Ascendente', num: [10, 20, 30, 35] },
];

let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pbr-presentacion-'));
  file = join(dir, 'presentacion-campos.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Formulario H');
  ws.addRow(['Gobierno Regional de Los Ríos']);
  ws.addRow([]);
  ws.addRow(HEADER);
  for (const ind of INDICADORES) {
    if (ind.producto) ws.addRow([ind.producto]);
    const r = ws.addRow([ind.nombre, ind.da, ind.pond, ind.sentido, '%', ...ind.num.map((n) => `${n} %`)]);
    r.getCell(3).numFmt = '0%';
    ws.addRow([`num ${ind.nombre}`, null, null, null, null, ...ind.num]);
    ws.addRow([`den ${ind.nombre}`, null, null, null, null, 100, 100, 100, 100]);
  }
  await wb.xlsx.writeFile(file);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function leer(): Promise<{ libro: LibroIndicadores; c: IssueCollector }> {
  const c = new IssueCollector(file);
  const libro = leerIndicadores(await readWorkbook(file), c);
  validarLibro(libro, c, CONFIG_DIPRES);
  return { libro, c };
}

describe('presentation layout: the header columns besides the years', () => {
  it('is read as the presentation layout, with no errors', async () => {
    const { libro, c } = await leer();
    expect(libro.layout).toBe('presentacion');
    expect(c.issues.filter((i) => i.severidad === 'error')).toEqual([]);
  });

  it.each([
    ['Ind A1', 'eficacia', 'producto', 60, 'ascendente', 'Producto A'],
    ['Ind A2', 'calidad', 'proceso', 30, 'descendente', 'Producto A'],
    ['Ind B1', 'eficiencia', 'resultado-intermedio', 10, 'ascendente', 'Producto B'],
  ])('%s: %s, %s, ponderación %d, %s', async (nombre, dimension, ambito, ponderacion, sentido, producto) => {
    const { libro } = await leer();
    const ind = libro.indicadores.find((i) => i.nombre === nombre)!;
    expect(ind).toMatchObject({ dimension, producto, sentido, unidad: '%', factor: 100, servicio: 'Gobierno Regional de Los Ríos' });
    expect(ind.ambito).toBe(ambito);
    expect(ind.ponderacion).toBeCloseTo(ponderacion, 10);
    expect(ind.celdaPonderacion).toMatchObject({ sheet: 'Formulario H' });
  });

  it('the resumen counts each indicator under its ámbito, none "sin ámbito"', async () => {
    const { libro } = await leer();
    const [r] = computeResumen(libro.indicadores, null);
    expect(r.total).toEqual({ total: 3, resultado: 1, producto: 1, proceso: 1, sinAmbito: 0 });
  });

  it('the institutional compliance uses the ponderaciones', async () => {
    const { libro } = await leer();
    const s = computeServicio('Gobierno Regional de Los Ríos', libro.indicadores, CONFIG_DIPRES);
    // 2011: A1 90/85 cumple (60%), A2 descendente 60/40 cumple (30%), B1 20/30 no cumple.
    expect(s).toMatchObject({ anio: 2011, cumplen: 2, noCumplen: 1 });
    expect(s.ponderacionTotal).toBeCloseTo(100, 10);
    expect(s.cumplimientoInstitucional).toBeCloseTo(90, 10);
    expect(s.incentivo).toBe(7.6);
  });
});
