// A folder of 500 small workbooks for `pbr validar <carpeta>`, as CI meets them: indicator
// workbooks (xlsx and CSV, 20 indicators each) and self-assessment workbooks (a GORE resumen
// in xlsx, a municipal detalle in CSV), a few KB each, all valid.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { writeDetalleCsv } from './generate-autoevaluacion.mjs';
import { writeCsv, writeXlsx } from './generate.mjs';

const REGIONES = ['Arica y Parinacota', 'Tarapacá', 'Antofagasta', 'Atacama', 'Coquimbo', 'Valparaíso', 'Metropolitana', "O'Higgins", 'Maule', 'Ñuble', 'Biobío', 'La Araucanía', 'Los Ríos', 'Los Lagos', 'Aysén', 'Magallanes'];
const MAXIMOS = [45, 40, 60, 75, 90, 50, 40, 100];
const CRITERIOS = ['1. Liderazgo', '2. Ciudadanía, socios y colaboradores', '3. Personas', '4. Planificación estratégica regional', '5. Gestión de inversiones y desarrollo regional', '6. Gestión de recursos', '7. Planificación institucional', '8. Resultados'];

/** A resumen: one row per GORE, one column per criterio, and a Total that adds up. */
async function writeResumenXlsx(path, k) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Resumen');
  ws.addRow(['GORE', ...CRITERIOS, 'Total']);
  REGIONES.forEach((r, i) => {
    const p = MAXIMOS.map((m, j) => Math.floor((m * ((i * 7 + j * 3 + k) % 10)) / 10));
    ws.addRow([r, ...p, p.reduce((a, b) => a + b, 0)]);
  });
  await wb.xlsx.writeFile(path);
}

export const KINDS = ['indicadores.xlsx', 'indicadores.csv', 'resumen.xlsx', 'detalle.csv'];

/** n files (default 500) in `dir`, the four kinds in turn: `0001-indicadores.xlsx`, … */
export async function writeCarpeta(dir, n = 500) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const kind = KINDS[i % KINDS.length];
    const path = join(dir, `${String(i + 1).padStart(4, '0')}-${kind}`);
    if (kind === 'indicadores.xlsx') await writeXlsx(path, 20);
    else if (kind === 'indicadores.csv') await writeCsv(path, 20);
    else if (kind === 'resumen.xlsx') await writeResumenXlsx(path, i);
    else await writeDetalleCsv(path, { entidades: 2, ciclos: 1, primerAno: 2000 + (i % 20) });
  }
  writeFileSync(join(dir, '.completa'), `${n}\n`);
}
