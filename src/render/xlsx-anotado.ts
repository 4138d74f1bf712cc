import type ExcelJS from 'exceljs';
import { excel } from '../io/exceljs.js';
import type { Issue } from '../core/report.js';
import { quoteSheet } from '../core/report.js';
import type { Sheet } from '../io/cell.js';
import type { Validacion } from './model.js';
import { ubicacion } from './validacion.js';
import { sheetName, STYLE } from './xlsx-estilo.js';

/** One validated file, as the annotated workbook needs it. */
export interface EntradaAnotada {
  archivo: string;
  /** The file's bytes when it is an .xlsx and the only input: the copy keeps its formats. */
  xlsx?: Uint8Array;
  /** Otherwise its sheets as read (a CSV, or one of several files), rebuilt cell by cell. */
  sheets?: Sheet[];
  /** Why the file could not be read again for its copy; it then has none. */
  ilegible?: string;
}

export const PROBLEMAS = 'Problemas';

/**
 * The workbook `validar -o x.xlsx` writes: a first sheet "Problemas" listing every issue with
 * a link to its cell, then the validated workbook (a copy: the input is never touched) with
 * each issue's cell filled red (error) or yellow (advertencia) and a note holding the message.
 */
export async function renderXlsxAnotado(v: Validacion, entradas: EntradaAnotada[]): Promise<Uint8Array> {
  const wb = new (excel().Workbook)();
  wb.creator = 'pbr';
  const single = entradas.length === 1 && entradas[0].xlsx;
  if (single) await wb.xlsx.load(entradas[0].xlsx as unknown as ArrayBuffer);
  // Sheet names of the copy: the workbook's own for a single .xlsx, else rebuilt ones.
  const sheetOf = new Map<string, Map<string, string>>();
  const used = new Set<string>();
  if (single) {
    const names = new Map<string, string>();
    wb.eachSheet((ws) => {
      names.set(ws.name, ws.name);
      used.add(ws.name.toLowerCase());
    });
    sheetOf.set(entradas[0].archivo, names);
  } else {
    used.add(PROBLEMAS.toLowerCase());
    for (const e of entradas) sheetOf.set(e.archivo, copySheets(wb, e, used, entradas.length > 1));
  }

  if (!single) used.delete(PROBLEMAS.toLowerCase());
  const problemas = wb.addWorksheet(sheetName(PROBLEMAS, used), { views: [{ state: 'frozen', ySplit: 1 }] });
  writeProblemas(problemas, wb, v, sheetOf, entradas);
  reorderFirst(wb, problemas);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Rebuilds a file's sheets from the cells pbr read (values only: a CSV has no formats). */
function copySheets(wb: ExcelJS.Workbook, e: EntradaAnotada, used: Set<string>, prefixed: boolean): Map<string, string> {
  const names = new Map<string, string>();
  const stem = e.archivo.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  for (const sheet of e.sheets ?? []) {
    const wanted = prefixed ? `${stem} ${sheet.name}`.trim() : sheet.name || stem;
    const name = sheetName(wanted, used);
    names.set(sheet.name, name);
    // A CSV's issues name its sheet by the file's stem.
    if (sheet.name === '') names.set(stem, name);
    const ws = wb.addWorksheet(name);
    for (const row of sheet.rows) {
      for (const c of row.cells) {
        if (!c) continue;
        // Text is written as text: `=HYPERLINK(…)` from a CSV is shown, never run.
        ws.getCell(c.row, c.col).value = c.value instanceof Date ? c.value : (c.value ?? c.error ?? null);
      }
    }
    ws.columns.forEach((col) => {
      col.width = 14;
    });
  }
  return names;
}

interface Target {
  sheet: string;
  address: string;
}

/** Where an issue points in the copy: its cell, else the first cell of its row; null when nowhere. */
export function targetOf(i: Issue, names: Map<string, string> | undefined): Target | null {
  let sheet = i.hoja ?? '';
  let address: string | null = null;
  if (i.celda) {
    const bang = i.celda.lastIndexOf('!');
    if (bang >= 0) {
      sheet = unquote(i.celda.slice(0, bang));
      address = i.celda.slice(bang + 1);
    } else address = i.celda;
  } else if (i.fila != null) address = `${i.columna ?? 'A'}${i.fila}`;
  if (!address || !/^[A-Z]{1,3}\d+$/.test(address.replace(/\$/g, ''))) return null;
  const mapped = names?.get(sheet) ?? (names && names.size === 1 ? [...names.values()][0] : undefined);
  if (!mapped) return null;
  return { sheet: mapped, address: address.replace(/\$/g, '') };
}

function unquote(s: string): string {
  return s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

function writeProblemas(ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook, v: Validacion, sheetOf: Map<string, Map<string, string>>, entradas: EntradaAnotada[]): void {
  const headers = ['Archivo', 'Severidad', 'Código', 'Celda', 'Valor', 'Mensaje'];
  ws.addRow(headers);
  ws.getRow(1).eachCell((c) => {
    c.font = STYLE.header.font;
    c.fill = STYLE.header.fill;
  });
  const notes = new Map<string, string[]>();
  for (const r of v.reportes) {
    for (const i of r.issues) {
      const target = targetOf(i, sheetOf.get(r.archivo));
      const row = ws.addRow([i.archivo, i.severidad, i.codigo, null, i.valor == null ? null : String(i.valor), i.mensaje]);
      const link = row.getCell(4);
      if (target) {
        const ref = `${quoteSheet(target.sheet)}!${target.address}`;
        // Shown as the issue names it (the input's sheet), linked to the copy's cell.
        const shown = i.celda ?? ref;
        // A HYPERLINK formula, not exceljs's hyperlink value: exceljs 4.4 writes an in-workbook
        // target as an external relationship too (exceljs#3027), which Excel opens as a broken link.
        link.value = { formula: `HYPERLINK("#${ref.replace(/"/g, '""')}","${shown.replace(/"/g, '""')}")`, result: shown };
        link.font = STYLE.link;
        const ws2 = wb.getWorksheet(target.sheet);
        if (ws2) {
          const cell = ws2.getCell(target.address);
          const fill = i.severidad === 'error' ? STYLE.issue.error : STYLE.issue.advertencia;
          // An error's red wins over a warning's yellow on the same cell.
          const prev = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
          if (prev !== (STYLE.issue.error as ExcelJS.FillPattern).fgColor?.argb) cell.fill = fill;
          const key = `${target.sheet}\u0000${target.address}`;
          notes.set(key, [...(notes.get(key) ?? []), `${i.severidad === 'error' ? 'Error' : 'Advertencia'} ${i.codigo}: ${i.mensaje}`]);
        }
      } else link.value = ubicacion(i);
      if (i.severidad === 'error') row.getCell(2).font = { bold: true, color: { argb: 'FF9C0006' } };
    }
  }
  // A file with no copy whose report does not say why (it was read for validation, not again).
  for (const e of entradas) {
    if (e.ilegible == null) continue;
    const dicho = v.reportes.some((r) => r.archivo === e.archivo && r.issues.some((i) => i.codigo === 'archivo-ilegible'));
    if (!dicho) ws.addRow([e.archivo, 'advertencia', 'copia-omitida', null, null, `No se incluye una copia de este archivo: ${e.ilegible}`]);
  }
  if (v.limite) ws.addRow([`Reporte limitado a ${v.limite.maximo} problema(s) por --max-errores: se omitieron ${v.limite.omitidos}.`]);
  if (ws.rowCount === 1) ws.addRow(['Sin problemas: el archivo es válido.']);
  for (const [key, texts] of notes) {
    const [sheet, address] = key.split('\u0000');
    const cell = wb.getWorksheet(sheet)!.getCell(address);
    const own = noteText(cell.note);
    const text = ['pbr validar:', ...texts].join('\n');
    cell.note = { texts: [{ text: own ? `${own}\n\n${text}` : text }] };
    // exceljs drops the note of a cell that holds nothing (exceljs#1146): an empty string keeps it.
    if (cell.value == null) cell.value = '';
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: headers.length } };
  [28, 12, 26, 26, 18, 90].forEach((w, k) => {
    ws.getColumn(k + 1).width = w;
  });
  ws.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
}

function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/** Makes a sheet the first tab (and the active one): exceljs orders tabs by `orderNo`. */
function reorderFirst(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): void {
  const sheets = wb.worksheets.filter((s) => s !== ws);
  [ws, ...sheets].forEach((s, k) => {
    (s as unknown as { orderNo: number }).orderNo = k;
  });
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
}
