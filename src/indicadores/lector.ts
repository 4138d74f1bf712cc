import { UsageError } from '../core/errors.js';
import type { IssueCollector } from '../core/report.js';
import { cleanText, normalizeKey } from '../core/text.js';
import { cellText, isBlankRow, type Cell, type Row, type Sheet } from '../io/cell.js';
import { inferDecimalMark, type DecimalMark } from '../io/numero-chileno.js';
import { findEncabezado, type EncabezadoHoja } from './encabezado-hoja.js';
import type { Defaults } from './indicador-fila.js';
import { esPresentacion, leerPresentacion, leerTitulos } from './leer-presentacion.js';
import { LectorTabular, type DecimalPolicy } from './leer-tabular.js';
import type { Indicador, LibroIndicadores, Producto } from './schema.js';

export interface LeerOpciones {
  /** `--hoja`: a sheet name or its 1-based number. */
  hoja?: string;
  /** `--decimal`: how to read an ambiguous `1.234`. */
  decimal?: DecimalMark;
}

/** Rows buffered before a sheet's layout is decided: its header, its layout and each column's decimal mark. */
export const MUESTRA_FILAS = 1000;

type Modo = 'muestra' | 'tabular' | 'presentacion' | 'productos' | 'ignorar';

interface Hoja {
  name: string;
  number: number;
  rows: Row[];
  modo: Modo;
  header: EncabezadoHoja | null;
  tabular: LectorTabular | null;
  defaults: Defaults;
}

/**
 * Reads the indicators of a workbook one row at a time: every sheet that looks like an
 * indicator table (or the one `--hoja` names), in whichever of the three layouts it is, and
 * the products sheet. Each indicator goes to `emit` as soon as it is read.
 */
export class LectorIndicadores {
  private hoja: Hoja | null = null;
  private number = 0;
  private readonly seen: string[] = [];
  private readonly hojas: string[] = [];
  private readonly layouts = new Set<'tabular' | 'presentacion'>();
  private productos: Producto[] | null = null;
  private best: { sheet: string; header: EncabezadoHoja } | null = null;
  /** The first ambiguous number read (named in the note), and how many there were. */
  private readonly ambiguous: { cell: Cell; assumed: DecimalMark }[] = [];
  private ambiguos = 0;
  private fileMark: DecimalMark | null = null;
  private anyRows = false;
  private matched = false;

  constructor(
    private readonly archivo: string,
    private readonly format: 'xlsx' | 'csv',
    private readonly collector: IssueCollector,
    private readonly opts: LeerOpciones,
    private readonly emit: (ind: Indicador) => void,
  ) {}

  /** Starts a sheet; false when `--hoja` leaves it out (its rows need not be read). */
  startSheet(name: string): boolean {
    this.number++;
    this.seen.push(name);
    if (this.opts.hoja && this.format === 'xlsx' && !matchesHoja(name, this.number, this.opts.hoja)) return false;
    this.matched = true;
    this.hoja = { name, number: this.number, rows: [], modo: 'muestra', header: null, tabular: null, defaults: { servicio: null, producto: null, dimensionAmbito: null } };
    return true;
  }

  row(row: Row): void {
    const h = this.hoja;
    if (!h) return;
    this.anyRows = true;
    switch (h.modo) {
      case 'muestra':
        h.rows.push(row);
        if (h.rows.length >= MUESTRA_FILAS) this.decide(h);
        return;
      case 'tabular': {
        const ind = h.tabular!.row(row);
        if (ind) this.emit(ind);
        return;
      }
      case 'ignorar':
        return;
      default:
        h.rows.push(row); // presentation and products sheets are small: read whole
    }
  }

  endSheet(): void {
    const h = this.hoja;
    if (!h) return;
    if (h.modo === 'muestra') this.decide(h);
    const sheet: Sheet = { name: h.name, rows: h.rows };
    if (h.modo === 'presentacion') {
      for (const ind of leerPresentacion(sheet, h.header!, h.defaults, this.collector, this.policy())) this.emit(ind);
    } else if (h.modo === 'productos') {
      this.productos = [...(this.productos ?? []), ...leerProductos(sheet)];
    }
    this.hoja = null;
  }

  /** What was read besides the indicators; reports a workbook with no indicator table. */
  finish(): Omit<LibroIndicadores, 'indicadores'> {
    if (this.opts.hoja && !this.matched) {
      throw new UsageError(`${this.archivo}: no hay una hoja «${this.opts.hoja}»; las hojas son: ${this.seen.join(', ')}.`);
    }
    if (this.hojas.length === 0) this.reportMissing();
    else if (this.format === 'xlsx' && this.hojas.length > 1) {
      this.collector.notas.push(`${this.archivo}: se leyeron las hojas ${this.hojas.join(', ')} (use --hoja para leer solo una).`);
    }
    if (this.ambiguos > 0) {
      const { cell, assumed } = this.ambiguous[0];
      const where = cell.sheet ? `${cell.sheet}!${cell.address}` : cell.address;
      this.collector.notas.push(
        `${this.archivo}: ${this.ambiguos} número(s) como «${cellText(cell)}» (${where}) pueden leerse de dos formas; se leyó el punto como ${assumed === ',' ? 'separador de miles' : 'marca decimal'}. Use --decimal ${assumed === ',' ? '.' : ','} si no es así.`,
      );
    }
    const layout = this.layouts.size > 1 ? 'mixto' : this.layouts.has('presentacion') ? 'presentacion' : 'tabular';
    return { archivo: this.archivo, hojas: this.hojas, layout, productos: this.productos };
  }

  private policy(): DecimalPolicy {
    return {
      forced: this.opts.decimal,
      file: this.fileMark,
      onAmbiguous: (cell, assumed) => {
        if (this.ambiguous.length === 0) this.ambiguous.push({ cell, assumed });
        this.ambiguos++; // all counted, the first kept
      },
    };
  }

  /** Settles a sheet's role and layout from its first rows. */
  private decide(h: Hoja): void {
    this.fileMark = inferDecimalMark(textsOf(h.rows)) ?? this.fileMark;
    const sheet: Sheet = { name: h.name, rows: h.rows };
    const header = findEncabezado(sheet);
    h.header = header;
    if (!this.opts.hoja && esHojaProductos(sheet, header)) {
      h.modo = 'productos';
      return;
    }
    if (!header) {
      h.modo = 'ignorar';
      h.rows = [];
      return;
    }
    if (!this.best || header.score > this.best.header.score) this.best = { sheet: h.name, header };
    if (!header.campos.has('indicador') || header.anios === 0) {
      h.modo = 'ignorar';
      h.rows = [];
      return;
    }
    leerTitulos(sheet, header, h.defaults);
    this.hojas.push(h.name);
    if (esPresentacion(sheet, header)) {
      h.modo = 'presentacion';
      this.layouts.add('presentacion');
      return;
    }
    this.layouts.add('tabular');
    const data = h.rows.slice(header.rowPos + 1);
    h.tabular = new LectorTabular(h.name, header, h.defaults, this.collector, this.policy(), data);
    h.modo = 'tabular';
    h.rows = [];
    for (const row of data) {
      const ind = h.tabular.row(row);
      if (ind) this.emit(ind);
    }
  }

  private reportMissing(): void {
    const c = this.collector;
    if (!this.anyRows) {
      c.error('archivo-sin-datos', `${this.archivo}: ${this.format === 'csv' ? 'el archivo' : 'el libro'} no tiene datos.`, null);
      return;
    }
    if (!this.best) {
      c.error('tabla-no-encontrada', 'No se encontró una tabla de indicadores: ninguna fila tiene encabezados como «Indicador» y columnas de años (2010, Meta 2012, Numerador 2011…).', { sheet: this.seen[0] ?? '' });
      return;
    }
    const { sheet, header } = this.best;
    const at = { sheet, row: header.fila };
    if (!header.campos.has('indicador')) c.error('columna-faltante', `Falta la columna «Indicador» en la fila de encabezados ${header.fila}.`, at, 'Indicador');
    if (header.anios === 0) {
      c.error('columna-faltante', `Faltan las columnas de años (por ejemplo «2010», «Numerador 2011», «Meta 2012») en la fila de encabezados ${header.fila}.`, at);
    }
  }
}

function matchesHoja(name: string, number: number, hoja: string): boolean {
  return name === hoja || normalizeKey(name) === normalizeKey(hoja) || (/^\d+$/.test(hoja) && Number(hoja) === number);
}

function* textsOf(rows: Row[]): Iterable<string> {
  for (const r of rows) for (const c of r.cells) if (c && typeof c.value === 'string') yield c.value;
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
