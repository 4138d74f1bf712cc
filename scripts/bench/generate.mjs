// Tabular indicator workbooks for the benchmark: one row per indicator, ten indicators per
// servicio (ponderación 10 % each, so each servicio sums 100 %), five years and a meta.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

export const YEARS = [2007, 2008, 2009, 2010, 2011];
export const META_YEAR = 2012;

export const HEADER = [
  'Servicio', 'Producto Estratégico', 'Indicador', 'Dimensión', 'Ámbito', 'Fórmula', 'Unidad', 'Sentido', 'Ponderación',
  ...YEARS.flatMap((y) => [`Numerador ${y}`, `Denominador ${y}`]),
  `Numerador Meta ${META_YEAR}`, `Denominador Meta ${META_YEAR}`,
];

const DIMENSIONES = ['Eficacia', 'Eficiencia', 'Economía', 'Calidad'];
const AMBITOS = ['Proceso', 'Producto', 'Resultado Intermedio', 'Resultado Final'];
const PRODUCTOS = [
  'Administración financiera de la inversión del Gobierno Regional',
  'Coordinación del Gasto Público en la región',
  'Sistema de Planificación y Ordenamiento Territorial',
  'Implementar la Agenda de Internacionalización y Cooperación Transfronteriza',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same file. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row i as values: numbers as numbers (the CSV writer formats them es-CL). */
export function* indicatorRows(n) {
  const rand = rng(20120);
  for (let i = 0; i < n; i++) {
    const s = Math.floor(i / 10);
    const descendente = i % 7 === 0;
    const row = [
      `Servicio Público N° ${s + 1} del Gobierno Regional`,
      PRODUCTOS[s % PRODUCTOS.length],
      `Porcentaje de solicitudes de financiamiento de iniciativas de inversión respondidas en plazo, indicador ${i + 1}`,
      DIMENSIONES[i % 4],
      AMBITOS[(i >> 2) % 4],
      '(N° de solicitudes respondidas en plazo / N° total de solicitudes)*100',
      '%',
      descendente ? 'Descendente' : 'Ascendente',
      0.1,
    ];
    let last = 0;
    for (let k = 0; k < YEARS.length; k++) {
      const den = 100 + Math.floor(rand() * 5000);
      const num = Math.floor(den * (0.6 + rand() * 0.35));
      last = num / den;
      row.push(num, den);
    }
    // A meta as demanding as the last efectivo or a little more, so the file is valid and quiet.
    const den = 1000;
    const target = descendente ? last * (0.95 + rand() * 0.05) : Math.min(1, last * (1 + rand() * 0.05));
    row.push(descendente ? Math.floor(target * den) : Math.ceil(target * den), den);
    yield row;
  }
}

/** An .xlsx written with exceljs's streaming WorkbookWriter (shared strings, as Excel writes). */
export async function writeXlsx(path, n) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Indicadores');
  ws.addRow(HEADER).commit();
  for (const values of indicatorRows(n)) {
    const row = ws.addRow(values);
    row.getCell(9).numFmt = '0%';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

const es = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 4, useGrouping: true });

function csvField(v) {
  if (typeof v === 'number') return es.format(v);
  return /[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A `;`-separated CSV in Windows-1252 with decimal commas, as Chilean Excel exports it. */
export async function writeCsv(path, n) {
  const out = createWriteStream(path);
  const line = (values) => Buffer.from(`${values.map(csvField).join(';')}\r\n`, 'latin1');
  out.write(line(HEADER));
  for (const values of indicatorRows(n)) {
    values[8] = '10%';
    if (!out.write(line(values))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
