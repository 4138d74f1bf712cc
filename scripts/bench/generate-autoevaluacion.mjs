// A detalle self-assessment workbook at municipal scale for the benchmark: one row per
// municipio, elemento and cycle (345 comunas × 133 elementos × 10 ciclos = 458 850 rows),
// scores 0–5, in the long layout pbr reads (Año, Municipio, Criterio, Elemento, Puntaje).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { rng } from './generate.mjs';

/** Elementos per subcriterio of the built-in model (DOMAIN.md §2): 133 in all. */
const SUBCRITERIOS = [[9, 5, 5], [6, 3], [5, 3, 5, 5, 4], [4, 5, 7, 4], [9, 4, 4, 4], [3, 4, 2, 5], [6, 7, 3], [3, 2, 2, 3, 2]];
export const ELEMENTOS = SUBCRITERIOS.flatMap((subs, c) => subs.flatMap((n, s) => Array.from({ length: n }, (_, e) => `${c + 1}.${s + 1}.${String.fromCharCode(97 + e)}`)));
export const HEADER = ['Año', 'Municipio', 'Criterio', 'Elemento', 'Puntaje'];

const PROVINCIAS = ['Arica', 'Iquique', 'Antofagasta', 'Copiapó', 'La Serena', 'Valparaíso', 'Santiago', 'Rancagua', 'Talca', 'Chillán', 'Concepción', 'Temuco', 'Valdivia', 'Puerto Montt', 'Coyhaique', 'Punta Arenas'];

/** Chile's 345 comunas, by invented but distinct and accented names. */
export function municipios(n = 345) {
  return Array.from({ length: n }, (_, i) => `Municipalidad de ${PROVINCIAS[i % PROVINCIAS.length]} N° ${i + 1}`);
}

/** Rows as values: [año, municipio, criterio, elemento, puntaje], by cycle, then municipio, then elemento. */
export function* detalleRows({ entidades = 345, ciclos = 10, primerAno = 2014 } = {}) {
  const rand = rng(345);
  const nombres = municipios(entidades);
  for (let c = 0; c < ciclos; c++) {
    for (const nombre of nombres) {
      for (const codigo of ELEMENTOS) yield [primerAno + c, nombre, Number(codigo.split('.')[0]), codigo, Math.min(5, Math.floor(rand() * (3 + c / 3)))];
    }
  }
}

/** An .xlsx written with exceljs's streaming WorkbookWriter, shared strings as Excel writes them. */
export async function writeDetalleXlsx(path, opts = {}) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('Detalle');
  ws.addRow(HEADER).commit();
  for (const values of detalleRows(opts)) ws.addRow(values).commit();
  ws.commit();
  await wb.commit();
}

/** A `;`-separated CSV in Windows-1252, as Chilean Excel exports it. */
export async function writeDetalleCsv(path, opts = {}) {
  const out = createWriteStream(path);
  const line = (values) => Buffer.from(`${values.join(';')}\r\n`, 'latin1');
  out.write(line(HEADER));
  for (const values of detalleRows(opts)) if (!out.write(line(values))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
