import { UsageError } from '../core/errors.js';
import type { IssueCollector } from '../core/report.js';
import { cleanText, normalizeKey } from '../core/text.js';
import { cellText, isBlankRow, type Cell, type Sheet, type Workbook } from '../io/cell.js';
import { inferDecimalMark, type DecimalMark } from '../io/numero-chileno.js';
import { findEncabezado, type EncabezadoHoja } from './encabezado-hoja.js';
import type { Defaults } from './indicador-fila.js';
import { esPresentacion, leerPresentacion, leerTitulos } from './leer-presentacion.js';
import { leerTabular, type DecimalPolicy } from './leer-tabular.js';
import type { Indicador, LibroIndicadores, Producto } from './schema.js';

export interface LeerOpciones {
  /** `--hoja`: a sheet name or its 1-based number. */
  hoja?: string;
  /** `--decimal`: how to read an ambiguous `1.234`. */
  decimal?: DecimalMark;
}

/** Picks the sheet `--hoja` names, by name (loosely) or number. */
export function elegirHoja(wb: Workbook, hoja: string): Sheet {
  if (wb.format === 'csv') return wb.sheets[0];
  const byName = wb.sheets.find((s) => s.name === hoja) ?? wb.sheets.find((s) => normalizeKey(s.name) === normalizeKey(hoja));
  if (byName) return byName;
  if (/^\d+$/.test(hoja) && Number(hoja) >= 1 && Number(hoja) <= wb.sheets.length) return wb.sheets[Number(hoja) - 1];
  throw new UsageError(`${wb.file}: no hay una hoja «${hoja}»; las hojas son: ${wb.sheets.map((s) => s.name).join(', ')}.`);
}

/** A sheet listing the productos estratégicos: a Producto column and no Indicador or year columns. */
function esHojaProductos(sheet: Sheet, h: EncabezadoHoja | null): boolean {
  if (h && (h.campos.has('indicador') || h.anios > 0)) return false;
  return /producto/i.test(sheet.name) || !!productosHeader(sheet);
}

function productosHeader(sheet: Sheet): { row: number; producto: number; numero?: number; servicio?: number } | null {
  for (const row of sheet.rows.slice(0, 20)) {
    let producto: number | undefined;
    let numero: number | undefined;
    let servicio: number | undefined;
    row.cells.forEach((c, i) => {
      const k = normalizeKey(cellText(c));
      if (k === 'productoestrategico' || k === 'producto' || k === 'productosestrategicos') producto ??= i + 1;
      else if (['n', 'no', 'nro', 'numero'].includes(k)) numero ??= i + 1;
      else if (['servicio', 'institucion', 'gobiernoregional', 'gore'].includes(k)) servicio ??= i + 1;
    });
    if (producto) return { row: row.index, producto, numero, servicio };
  }
  return null;
}

function leerProductos(sheet: Sheet): Producto[] {
  const h = productosHeader(sheet);
  if (!h) return [];
  const out: Producto[] = [];
  for (const row of sheet.rows) {
    if (row.index <= h.row || isBlankRow(row)) continue;
    const nombre = cleanText(cellText(row.cells[h.producto - 1]));
    if (!nombre || /^total/i.test(nombre)) continue;
    const numText = h.numero ? cellText(row.cells[h.numero - 1]) : '';
    const numero = /^\d+$/.test(numText.trim()) ? Number(numText) : null;
    const servicio = h.servicio ? cleanText(cellText(row.cells[h.servicio - 1])) || null : null;
    out.push({ servicio, numero, nombre });
  }
  return out;
}

/**
 * Reads the indicators of a workbook: every sheet that looks like an indicator table (or the
 * one `--hoja` names), in whichever of the three layouts it is, and the products sheet.
 */
export function leerIndicadores(wb: Workbook, collector: IssueCollector, opts: LeerOpciones = {}): LibroIndicadores {
  const ambiguous: { cell: Cell; assumed: DecimalMark }[] = [];
  const policy: DecimalPolicy = {
    forced: opts.decimal,
    file: inferDecimalMark(allTexts(wb)),
    onAmbiguous: (cell, assumed) => ambiguous.push({ cell, assumed }),
  };
  const candidates = opts.hoja ? [elegirHoja(wb, opts.hoja)] : wb.sheets;
  const indicadores: Indicador[] = [];
  const hojas: string[] = [];
  const layouts = new Set<'tabular' | 'presentacion'>();
  let productos: Producto[] | null = null;
  let best: { sheet: Sheet; header: EncabezadoHoja } | null = null;

  for (const sheet of candidates) {
    const header = findEncabezado(sheet);
    if (!opts.hoja && esHojaProductos(sheet, header)) {
      productos = [...(productos ?? []), ...leerProductos(sheet)];
      continue;
    }
    if (!header) continue;
    if (!best || header.score > best.header.score) best = { sheet, header };
    if (!header.campos.has('indicador') || header.anios === 0) continue;
    const defaults: Defaults = { servicio: null, producto: null, dimensionAmbito: null };
    leerTitulos(sheet, header, defaults);
    const presentacion = esPresentacion(sheet, header);
    layouts.add(presentacion ? 'presentacion' : 'tabular');
    const read = presentacion
      ? leerPresentacion(sheet, header, defaults, collector, policy)
      : leerTabular(sheet, header, defaults, collector, policy);
    indicadores.push(...read);
    hojas.push(sheet.name);
  }

  if (hojas.length === 0) reportMissing(wb, candidates, best, collector);
  else if (wb.format === 'xlsx' && hojas.length > 1) collector.notas.push(`${wb.file}: se leyeron las hojas ${hojas.join(', ')} (use --hoja para leer solo una).`);
  if (ambiguous.length > 0) {
    const { cell, assumed } = ambiguous[0];
    const where = cell.sheet ? `${cell.sheet}!${cell.address}` : cell.address;
    collector.notas.push(
      `${wb.file}: ${ambiguous.length} número(s) como «${cellText(cell)}» (${where}) pueden leerse de dos formas; se leyó el punto como ${assumed === ',' ? 'separador de miles' : 'marca decimal'}. Use --decimal ${assumed === ',' ? '.' : ','} si no es así.`,
    );
  }
  const layout = layouts.size > 1 ? 'mixto' : layouts.has('presentacion') ? 'presentacion' : 'tabular';
  return { archivo: wb.file, hojas, layout, indicadores, productos };
}

function reportMissing(wb: Workbook, sheets: Sheet[], best: { sheet: Sheet; header: EncabezadoHoja } | null, collector: IssueCollector): void {
  if (sheets.every((s) => s.rows.length === 0)) {
    collector.error('archivo-sin-datos', `${wb.file}: ${wb.format === 'csv' ? 'el archivo' : 'el libro'} no tiene datos.`, null);
    return;
  }
  if (!best) {
    collector.error('tabla-no-encontrada', 'No se encontró una tabla de indicadores: ninguna fila tiene encabezados como «Indicador» y columnas de años (2010, Meta 2012, Numerador 2011…).', { sheet: sheets[0]?.name ?? '' });
    return;
  }
  const { sheet, header } = best;
  const at = { sheet: sheet.name, row: header.fila };
  if (!header.campos.has('indicador')) {
    collector.error('columna-faltante', `Falta la columna «Indicador» en la fila de encabezados ${header.fila}.`, at, 'Indicador');
  }
  if (header.anios === 0) {
    collector.error('columna-faltante', `Faltan las columnas de años (por ejemplo «2010», «Numerador 2011», «Meta 2012») en la fila de encabezados ${header.fila}.`, at);
  }
}

function* allTexts(wb: Workbook): Iterable<string> {
  for (const s of wb.sheets) for (const r of s.rows) for (const c of r.cells) if (c && typeof c.value === 'string') yield c.value;
}
