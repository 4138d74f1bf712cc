import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excel } from '../io/exceljs.js';
import { columnLetter } from '../core/report.js';
import { RowSpool } from '../io/spool.js';
import type { Resultado, Tabla, Valor } from './model.js';
import { sheetName } from './xlsx-estilo.js';
import { atraso, celdaXml, drenado, filaXml, tipoDe, xmlEncodeMemo, type HojaInterna, type LibroInterno } from './xlsx-filas.js';
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
  reglasCondicionales,
  SOURCE_ROW,
  TITLE_ROW,
  tituloPieza,
  vistas,
  type Encabezado,
  type EstilosTabla,
} from './xlsx-hoja.js';

export interface OpcionesXlsxEnFlujo {
  /** Rows of a table read before its column widths are fixed and its sheet is begun. */
  muestra?: number;
  /** Data rows of a sheet before the table goes on in a continuation sheet. */
  maxFilas?: number;
  /**
   * zlib level of the zip, 1 to 9. Default 1: a third of level 6's time (which would be the
   * bottleneck of a million rows), for a file about a quarter larger.
   */
  compresion?: number;
  /** Where the rows of a table waiting for its turn are kept (default: the system's temporary folder). */
  dirTemporal?: string;
}

/** A sheet's XML waiting to be compressed, above which the writer waits (bytes). */
const ALTO = 1 << 20;
const LOTE = 1 << 16;

/**
 * The report workbook written as a stream, in bounded memory, with exceljs's streaming writer:
 * the same as renderXlsx's (test/render/xlsx-stream.test.ts), but for a data bar's x14
 * extension, which that writer leaves out (Excel draws the bar with a gradient). Sheets are
 * written one after another, in the order their tables were declared: rows of the first table
 * go out as they come (after the first `muestra`, which fix the column widths); rows of a later
 * table wait in a temporary file until the tables before it are done; whole tables given to
 * `cerrar` (a summary) come last.
 */
export class LibroXlsxEnFlujo {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly tablas: TablaEnFlujo[] = [];
  private readonly used = new Set<string>();
  private readonly fuente: string;
  private readonly muestra: number;
  private readonly maxFilas: number;
  private activa: EscritorTabla | null = null;
  private abortado = false;

  constructor(write: (bytes: Uint8Array) => void, resultado: Pick<Resultado, 'archivos' | 'comando'>, private readonly opts: OpcionesXlsxEnFlujo = {}) {
    const sink = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        if (!this.abortado) write(chunk);
        cb();
      },
    });
    this.wb = new (excel().stream.xlsx.WorkbookWriter)({
      stream: sink,
      useStyles: true,
      useSharedStrings: false,
      zip: { zlib: { level: opts.compresion ?? 1 } },
    });
    this.wb.creator = 'pbr';
    this.fuente = fuenteDe(resultado);
    this.muestra = Math.max(1, opts.muestra ?? 1000);
    this.maxFilas = Math.max(1, opts.maxFilas ?? MAX_FILAS_HOJA);
  }

  /** Declares the next table; its rows come with `fila`, its totals and notes may be set until `cerrar`. */
  tabla(t: Encabezado): TablaEnFlujo {
    const tabla = new TablaEnFlujo(t, this.tablas.length === 0 ? null : new RowSpool(this.opts.dirTemporal), (r) => this.fila(tabla, r));
    this.tablas.push(tabla);
    return tabla;
  }

  /** A promise while the compressor is behind: whoever hands rows waits for it before the next. */
  espera(): Promise<void> | null {
    return this.activa?.espera() ?? null;
  }

  /** Writes what is left: the tables declared, then `finales`, then the workbook's other parts. */
  async cerrar(finales: Tabla[] = []): Promise<void> {
    for (const t of this.tablas) {
      const w = this.activa ?? this.abrirTabla(t);
      for (const r of t.primeras) await this.escribir(w, r);
      t.primeras = [];
      if (t.spool) {
        const claves = t.encabezado.columnas.map((c) => c.clave);
        for await (const values of t.spool.rows()) {
          const r: Record<string, Valor> = {};
          claves.forEach((k, j) => (r[k] = values[j] as Valor));
          await this.escribir(w, r);
        }
      }
      w.cerrar(t.totales, t.notas);
      this.activa = null;
    }
    for (const t of finales) {
      const anchos = new AnchosColumnas(t.columnas);
      for (const r of [...t.filas.slice(0, this.muestra), ...(t.totales ?? [])]) anchos.ver(r);
      const w = this.abrir(t, anchos);
      for (const r of t.filas) await this.escribir(w, r);
      w.cerrar(t.totales ?? [], t.notas ?? []);
      this.activa = null;
    }
    await this.wb.commit();
  }

  /** Stops writing: nothing more reaches `write`, the waiting rows are deleted. */
  abort(): void {
    this.abortado = true;
    for (const t of this.tablas) t.spool?.dispose();
  }

  private fila(t: TablaEnFlujo, r: Record<string, Valor>): void {
    if (t.filas <= this.muestra) t.anchos.ver(r);
    if (t.spool) return t.spool.push(t.encabezado.columnas.map((c) => r[c.clave] ?? null));
    if (this.activa) return this.activa.fila(r);
    t.primeras.push(r);
    if (t.primeras.length >= this.muestra) {
      const w = this.abrirTabla(t);
      for (const x of t.primeras) w.fila(x);
      t.primeras = [];
    }
  }

  /** Begins a declared table's sheet; its totals count for the widths if they are known by then. */
  private abrirTabla(t: TablaEnFlujo): EscritorTabla {
    for (const r of t.totales) t.anchos.ver(r);
    return this.abrir(t.encabezado, t.anchos);
  }

  private abrir(t: Encabezado, anchos: AnchosColumnas): EscritorTabla {
    this.activa = new EscritorTabla(this.wb, t, anchos.anchos(), this.fuente, this.used, this.maxFilas);
    return this.activa;
  }

  private async escribir(w: EscritorTabla, r: Record<string, Valor>): Promise<void> {
    w.fila(r);
    const p = w.espera();
    if (p) await p;
  }
}

/** A table of a streamed workbook, as its rows arrive. */
export class TablaEnFlujo {
  /** Rows received. */
  filas = 0;
  totales: Record<string, Valor>[] = [];
  notas: string[] = [];
  readonly anchos: AnchosColumnas;
  /** Rows held until the widths are fixed (the first table only). */
  primeras: Record<string, Valor>[] = [];
  constructor(
    readonly encabezado: Encabezado,
    readonly spool: RowSpool | null,
    private readonly recibir: (r: Record<string, Valor>) => void,
  ) {
    this.anchos = new AnchosColumnas(encabezado.columnas);
  }

  fila(r: Record<string, Valor>): void {
    this.filas++;
    this.recibir(r);
  }
}

/** One table written into its sheet (and continuation sheets), rows as XML text. */
class EscritorTabla {
  private readonly estilos: EstilosTabla;
  private readonly keys: Map<string, number>;
  private readonly letras: string[];
  private readonly encode: ((s: string) => string)[];
  private readonly ids = new Map<object, number>();
  private ws!: ExcelJS.Worksheet & HojaInterna;
  private nombre: string;
  private pieza = 0;
  /** Data rows in the current sheet. */
  private n = 0;
  private xml: string[] = [];
  private xmlLen = 0;
  private buf = Buffer.allocUnsafe(LOTE * 4);
  /** Bytes of XML handed to the current sheet's part, and when the event loop last had a turn. */
  private escritos = 0;
  private cedido = 0;

  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly t: Encabezado,
    private readonly anchos: number[],
    private readonly fuente: string,
    private readonly used: Set<string>,
    private readonly maxFilas: number,
  ) {
    this.estilos = estilosDe(t.columnas);
    this.keys = clavesDe(t.columnas);
    this.letras = t.columnas.map((_, j) => columnLetter(j + 1));
    this.encode = t.columnas.map(() => xmlEncodeMemo());
    this.nombre = sheetName(nombreBase(t), used);
    this.abrirHoja();
  }

  fila(r: Record<string, Valor>): void {
    if (this.n === this.maxFilas) {
      const siguiente = sheetName(nombreBase(this.t), this.used);
      this.cerrarHoja([], [notaContinua(siguiente)]);
      this.nombre = siguiente;
      this.pieza++;
      this.n = 0;
      this.abrirHoja();
    }
    this.escribirFila(DATA_ROW + this.n, r, this.estilos.dato);
    this.n++;
  }

  /**
   * A promise while more than ALTO bytes of this sheet wait for zlib (or for the zip to reach
   * the sheet); else, every LOTE bytes, one turn of the event loop. zlib compresses on another
   * thread, but each 16 KiB it takes is handed over by a callback on this one: without the
   * turns it would wait for the rows, and the rows for it.
   */
  espera(): Promise<void> | null {
    const pipes = this.ws.stream.pipes;
    if (!Array.isArray(pipes)) return null;
    const waiting = pipes.length === 0 ? this.escritos : atraso(this.ws) ?? 0;
    if (waiting > ALTO) return drenado(this.ws);
    if (this.escritos - this.cedido < LOTE) return null;
    this.cedido = this.escritos;
    return new Promise((resolve) => setImmediate(resolve));
  }

  cerrar(totales: Record<string, Valor>[], notas: string[]): void {
    this.cerrarHoja(totales, notas);
  }

  private abrirHoja(): void {
    const ws = this.wb.addWorksheet(this.nombre, { views: vistas(this.t) }) as ExcelJS.Worksheet & HojaInterna;
    this.ws = ws;
    this.escritos = 0;
    this.cedido = 0;
    this.anchos.forEach((w, j) => (ws.getColumn(j + 1).width = w));
    // Through exceljs's own rows: the first one it commits writes the columns and opens <sheetData>.
    const a1 = ws.getCell(TITLE_ROW, 1);
    a1.value = tituloPieza(this.t, this.pieza);
    a1.style = this.estilos.titulo;
    const a2 = ws.getCell(SOURCE_ROW, 1);
    a2.value = this.fuente;
    a2.style = this.estilos.fuente;
    this.t.columnas.forEach((c, j) => {
      const cell = ws.getCell(HEADER_ROW, j + 1);
      cell.value = c.titulo;
      cell.style = this.estilos.encabezado[j];
    });
    ws.getRow(HEADER_ROW).commit();
  }

  private cerrarHoja(totales: Record<string, Valor>[], notas: string[]): void {
    const lastData = DATA_ROW + this.n - 1;
    totales.forEach((r, i) => this.escribirFila(DATA_ROW + this.n + i, r, this.estilos.total));
    const lineas = [...(this.n ? leyendas(this.t.columnas) : []), ...notas];
    lineas.forEach((nota, i) => {
      const row = DATA_ROW + this.n + totales.length + 1 + i;
      this.push(filaXml(row, 1, celdaXml(`A${row}`, this.id(this.estilos.nota, nota), nota)));
    });
    this.flush();
    const filtro = autoFiltro(this.t, lastData);
    if (filtro) this.ws.autoFilter = filtro;
    for (const cf of reglasCondicionales(this.t.columnas, lastData)) this.ws.addConditionalFormatting(cf);
    this.ws.commit();
  }

  private escribirFila(row: number, r: Record<string, Valor>, estilos: Partial<ExcelJS.Style>[]): void {
    const cols = this.t.columnas;
    if (cols.length === 0) return;
    let celdas = '';
    for (let j = 0; j < cols.length; j++) {
      const v = cellValue(r, cols[j], row, this.keys);
      celdas += celdaXml(`${this.letras[j]}${row}`, this.id(estilos[j], v), v, this.encode[j]);
    }
    this.push(filaXml(row, cols.length, celdas));
  }

  private id(style: Partial<ExcelJS.Style>, v: ExcelJS.CellValue): number {
    let id = this.ids.get(style);
    if (id === undefined) {
      id = (this.wb as unknown as LibroInterno).styles.addStyleModel(style, tipoDe(v));
      this.ids.set(style, id);
    }
    return id;
  }

  private push(xml: string): void {
    this.xml.push(xml);
    this.xmlLen += xml.length;
    if (this.xmlLen >= LOTE) this.flush();
  }

  private flush(): void {
    if (this.xmlLen === 0) return;
    // Encoded into one reused buffer: a sheet's stream (exceljs's StreamBuf in batch mode) copies
    // what it is given into its own 64 KiB buffers before write returns; a string would cost a
    // second buffer of every 64 KiB, a GB of garbage for a million rows.
    const text = this.xml.join('');
    if (text.length * 3 > this.buf.length) this.buf = Buffer.allocUnsafe(text.length * 3);
    const n = this.buf.write(text, 0, 'utf8');
    this.ws.stream.write(this.buf.subarray(0, n));
    this.escritos += this.xmlLen;
    this.xml = [];
    this.xmlLen = 0;
  }
}

/** A whole result written as a stream, as `renderXlsx` builds it in memory (for tests, and small results). */
export async function renderXlsxEnFlujo(resultado: Resultado, write: (bytes: Uint8Array) => void, opts: OpcionesXlsxEnFlujo = {}): Promise<void> {
  const libro = new LibroXlsxEnFlujo(write, resultado, opts);
  for (const t of resultado.tablas) {
    const tabla = libro.tabla(t);
    for (const r of t.filas) {
      tabla.fila(r);
      const p = libro.espera();
      if (p) await p;
    }
    tabla.totales = t.totales ?? [];
    tabla.notas = t.notas ?? [];
  }
  await libro.cerrar();
}
