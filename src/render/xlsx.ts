import type ExcelJS from 'exceljs';
import { excel } from '../io/exceljs.js';
import type { Resultado, Tabla, Valor } from './model.js';
import { sheetName } from './xlsx-estilo.js';
import {
  AnchosColumnas,
  autoFiltro,
  cellValue,
  clavesDe,
  DATA_ROW,
  estilosDe,
  fuenteDe,
  HEADER_ROW,
  leyendas,
  MAX_FILAS_HOJA,
  nombreBase,
  notaContinua,
  piezas,
  reglasCondicionales,
  SOURCE_ROW,
  TITLE_ROW,
  tituloPieza,
  vistas,
  type EstilosTabla,
} from './xlsx-hoja.js';

export { DATA_ROW, formulaFor, HEADER_ROW, SOURCE_ROW, TITLE_ROW } from './xlsx-hoja.js';

/**
 * A result as a finished report workbook: one sheet per table, with its title and source
 * files, the header row frozen, an autofilter, fitted widths, Chilean number formats
 * (percentages stored as fractions, 95,4 % is 0.954 shown `0.0%`), totals rows in bold,
 * conditional formatting for the columns with an `estilo`, and Excel formulas (with their
 * cached values) for the columns with a `formula`. Built in memory: for the reports of a few
 * thousand rows; `indicadores calcular` writes its own as a stream (xlsx-stream.ts), cell for
 * cell the same workbook.
 */
export async function renderXlsx(resultado: Resultado, opts: { maxFilas?: number } = {}): Promise<Uint8Array> {
  const wb = new (excel().Workbook)();
  wb.creator = 'pbr';
  const used = new Set<string>();
  for (const t of resultado.tablas) writeTabla(wb, t, fuenteDe(resultado), used, opts.maxFilas ?? MAX_FILAS_HOJA);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function writeTabla(wb: ExcelJS.Workbook, t: Tabla, fuente: string, used: Set<string>, maxFilas: number): void {
  const estilos = estilosDe(t.columnas);
  const anchos = new AnchosColumnas(t.columnas);
  for (const r of [...t.filas, ...(t.totales ?? [])]) anchos.ver(r);
  const partes = piezas(t.filas, maxFilas);
  let nombre = sheetName(nombreBase(t), used);
  partes.forEach((filas, k) => {
    const ultima = k === partes.length - 1;
    const siguiente = ultima ? null : sheetName(nombreBase(t), used);
    const ws = wb.addWorksheet(nombre, { views: vistas(t) });
    writeEncabezado(ws, t, tituloPieza(t, k), fuente, estilos);
    const keys = clavesDe(t.columnas);
    const rows = [...filas.map((r) => ({ r, total: false })), ...(ultima ? t.totales ?? [] : []).map((r) => ({ r, total: true }))];
    rows.forEach(({ r, total }, i) => writeFila(ws, DATA_ROW + i, r, total ? estilos.total : estilos.dato, t, keys));

    const lastData = DATA_ROW + filas.length - 1;
    const filtro = autoFiltro(t, lastData);
    if (filtro) ws.autoFilter = filtro;
    for (const cf of reglasCondicionales(t.columnas, lastData)) ws.addConditionalFormatting(cf);
    const notas = [...(filas.length ? leyendas(t.columnas) : []), ...(ultima ? t.notas ?? [] : [notaContinua(siguiente!)])];
    notas.forEach((nota, i) => {
      const cell = ws.getCell(DATA_ROW + rows.length + 1 + i, 1);
      cell.value = nota;
      cell.style = estilos.nota;
    });
    anchos.anchos().forEach((w, j) => {
      ws.getColumn(j + 1).width = w;
    });
    if (siguiente) nombre = siguiente;
  });
}

function writeEncabezado(ws: ExcelJS.Worksheet, t: Tabla, titulo: string, fuente: string, estilos: EstilosTabla): void {
  const a1 = ws.getCell(TITLE_ROW, 1);
  a1.value = titulo;
  a1.style = estilos.titulo;
  const a2 = ws.getCell(SOURCE_ROW, 1);
  a2.value = fuente;
  a2.style = estilos.fuente;
  t.columnas.forEach((c, j) => {
    const cell = ws.getCell(HEADER_ROW, j + 1);
    cell.value = c.titulo;
    cell.style = estilos.encabezado[j];
  });
}

function writeFila(
  ws: ExcelJS.Worksheet,
  rowNumber: number,
  r: Record<string, Valor>,
  estilos: EstilosTabla['dato'],
  t: Tabla,
  keys: Map<string, number>,
): void {
  t.columnas.forEach((c, j) => {
    const cell = ws.getCell(rowNumber, j + 1);
    cell.value = cellValue(r, c, rowNumber, keys);
    cell.style = estilos[j];
  });
}
