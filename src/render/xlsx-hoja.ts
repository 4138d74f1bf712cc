import type ExcelJS from 'exceljs';
import { columnLetter } from '../core/report.js';
import { roundForOutput } from './csv.js';
import { formatValor } from './format.js';
import type { Columna, Resultado, Tabla, Valor } from './model.js';
import { numFmt, STYLE } from './xlsx-estilo.js';

/**
 * The layout of a report sheet, shared by the workbook built in memory (xlsx.ts) and the one
 * written as a stream (xlsx-stream.ts), so that both give the same cells: rows of the title,
 * source, blank and header, data from DATA_ROW; styles, values, formulas, widths, rules.
 */
export const TITLE_ROW = 1;
export const SOURCE_ROW = 2;
export const HEADER_ROW = 4;
export const DATA_ROW = HEADER_ROW + 1;

/**
 * Data rows of one sheet. Excel opens at most 1 048 576 rows: a longer table goes on in a
 * continuation sheet (`Valores 2`, …) with the same title, header and rules.
 */
export const MAX_FILAS_HOJA = 1_000_000;

/** A table's heading: what a sheet needs before its rows. */
export type Encabezado = Pick<Tabla, 'nombre' | 'titulo' | 'columnas'>;

export function fuenteDe(resultado: Pick<Resultado, 'archivos' | 'comando'>): string {
  const fuentes = resultado.archivos.length ? resultado.archivos.join(', ') : '(sin archivo)';
  return `Fuente: ${fuentes} · pbr ${resultado.comando}`;
}

export function nombreBase(t: Encabezado): string {
  const s = t.nombre || t.titulo;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Title of the k-th sheet (from 0) of a table. */
export function tituloPieza(t: Encabezado, k: number): string {
  return k === 0 ? t.titulo : `${t.titulo} (continuación)`;
}

export function vistas(t: Encabezado): Partial<ExcelJS.WorksheetView>[] {
  return t.columnas.length ? [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${DATA_ROW}`, activeCell: `A${DATA_ROW}` }] : [];
}

export function autoFiltro(t: Encabezado, lastData: number): ExcelJS.AutoFilter | undefined {
  const n = t.columnas.length;
  return n ? { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(HEADER_ROW, lastData), column: n } } : undefined;
}

/**
 * One style object per column and kind of row, shared by every cell that has it (exceljs
 * gives a style it has seen before its id without building it again).
 */
export interface EstilosTabla {
  titulo: Partial<ExcelJS.Style>;
  fuente: Partial<ExcelJS.Style>;
  nota: Partial<ExcelJS.Style>;
  encabezado: Partial<ExcelJS.Style>[];
  dato: Partial<ExcelJS.Style>[];
  total: Partial<ExcelJS.Style>[];
}

export function estilosDe(columnas: Columna[]): EstilosTabla {
  const cuerpo = (c: Columna, total: boolean): Partial<ExcelJS.Style> => ({
    ...(c.tipo !== 'texto' ? { numFmt: numFmt(c) } : {}),
    alignment: { vertical: 'top', wrapText: c.tipo === 'texto' },
    border: total ? STYLE.totalBorder : STYLE.border,
    ...(total ? { font: { bold: true } } : {}),
  });
  return {
    titulo: { font: STYLE.title },
    fuente: { font: STYLE.source },
    nota: { font: STYLE.note },
    encabezado: columnas.map((c) => ({
      font: STYLE.header.font,
      fill: STYLE.header.fill,
      alignment: { vertical: 'middle', horizontal: c.tipo === 'texto' ? 'left' : 'center', wrapText: true },
      border: STYLE.border,
    })),
    dato: columnas.map((c) => cuerpo(c, false)),
    total: columnas.map((c) => cuerpo(c, true)),
  };
}

export function clavesDe(columnas: Columna[]): Map<string, number> {
  return new Map(columnas.map((c, j) => [c.clave, j + 1]));
}

/**
 * The stored value: percentages as fractions, booleans as sí/no, formulas with their cached
 * result, an empty text as an empty cell (a streamed sheet's `<v></v>` reads back as no value).
 */
export function cellValue(r: Record<string, Valor>, c: Columna, rowNumber: number, keys: Map<string, number>): ExcelJS.CellValue {
  const v = r[c.clave] ?? null;
  if (v == null || v === '') return null;
  if (typeof v === 'boolean') return v ? 'sí' : 'no';
  // A string is written as a string cell: Excel shows `=HYPERLINK(…)` from an input, never runs it.
  if (typeof v === 'string') return v;
  const stored = roundForOutput(c.tipo === 'porcentaje' ? v / 100 : v);
  if (!Number.isFinite(stored)) return null;
  const formula = c.formula ? formulaFor(c, r, rowNumber, keys) : null;
  return formula ? { formula, result: stored } : stored;
}

/** `{numerador}/{denominador}*{factor}` → `J5/K5*L5`; null when a referenced cell holds no number. */
export function formulaFor(c: Columna, r: Record<string, Valor>, rowNumber: number, keys: Map<string, number>): string | null {
  const f = compilada(c, keys);
  let expr = f.texto[0];
  for (let i = 0; i < f.refs.length; i++) {
    const { clave, letra } = f.refs[i];
    const v = r[clave];
    if (letra == null || typeof v !== 'number' || !Number.isFinite(v)) return null;
    expr += `${letra}${rowNumber}${f.texto[i + 1]}`;
  }
  return c.tipo === 'porcentaje' ? `(${expr})/100` : expr;
}

/** A formula cut once per table into its text and the columns it names (a million rows apply it). */
interface FormulaCompilada {
  texto: string[];
  refs: { clave: string; letra: string | null }[];
}

const compiladas = new WeakMap<Map<string, number>, Map<Columna, FormulaCompilada>>();

function compilada(c: Columna, keys: Map<string, number>): FormulaCompilada {
  let deTabla = compiladas.get(keys);
  if (!deTabla) compiladas.set(keys, (deTabla = new Map()));
  let f = deTabla.get(c);
  if (f) return f;
  f = { texto: [], refs: [] };
  let last = 0;
  for (const m of c.formula!.matchAll(/\{([^}]+)\}/g)) {
    f.texto.push(c.formula!.slice(last, m.index));
    const col = keys.get(m[1]);
    f.refs.push({ clave: m[1], letra: col == null ? null : columnLetter(col) });
    last = m.index + m[0].length;
  }
  f.texto.push(c.formula!.slice(last));
  deTabla.set(c, f);
  return f;
}

/**
 * Rules Excel evaluates on open and after every edit, over the data rows DATA_ROW…lastData
 * (none when the sheet has no data rows).
 */
export function reglasCondicionales(columnas: Columna[], lastData: number): ExcelJS.ConditionalFormattingOptions[] {
  if (lastData < DATA_ROW) return [];
  const out: ExcelJS.ConditionalFormattingOptions[] = [];
  columnas.forEach((c, j) => {
    if (!c.estilo) return;
    const L = columnLetter(j + 1);
    const ref = `${L}${DATA_ROW}:${L}${lastData}`;
    const top = `${L}${DATA_ROW}`;
    const scale = c.tipo === 'porcentaje' ? 100 : 1;
    if (c.estilo === 'cumplimiento') {
      const umbral = c.umbral ?? 95;
      const sobre = sobrecumplimientoDe(c);
      const rules: ExcelJS.ConditionalFormattingRule[] = [];
      if (sobre != null) {
        rules.push({ type: 'expression', priority: 1, formulae: [`AND(ISNUMBER(${top}),${top}>${sobre / scale})`], style: STYLE.cf.sobre });
      }
      rules.push({ type: 'expression', priority: 2, formulae: [`AND(ISNUMBER(${top}),${top}>=${umbral / scale})`], style: STYLE.cf.cumple });
      rules.push({ type: 'expression', priority: 3, formulae: [`AND(ISNUMBER(${top}),${top}<${umbral / scale})`], style: STYLE.cf.noCumple });
      out.push({ ref, rules });
    } else {
      // exceljs 4.4 needs cfvo and color spelled out for a data bar (exceljs#3015).
      const cfvo: ExcelJS.Cvfo[] =
        c.estilo === 'logro' ? [{ type: 'num', value: 0 }, { type: 'num', value: 100 / scale }] : [{ type: 'min' }, { type: 'max' }];
      const rule = { type: 'dataBar', priority: 4, gradient: false, cfvo, color: { argb: STYLE.cf.barra } } as ExcelJS.DataBarRuleType;
      out.push({ ref, rules: [rule] });
    }
  });
  return out;
}

/** The colour legend of the `cumplimiento` columns, a line each, written under the table when it has rows. */
export function leyendas(columnas: Columna[]): string[] {
  return columnas
    .filter((c) => c.estilo === 'cumplimiento')
    .map((c) => {
      const umbral = c.umbral ?? 95;
      const sobre = sobrecumplimientoDe(c);
      return `${c.titulo}: verde cumple (≥ ${formatValor(umbral, c)}), rojo no cumple${sobre != null ? `, ámbar sobrecumplimiento (> ${formatValor(sobre, c)})` : ''}.`;
    });
}

function sobrecumplimientoDe(c: Columna): number | null {
  return c.sobrecumplimiento === undefined ? 130 : c.sobrecumplimiento;
}

/** The line under a sheet that a table continues on the next one. */
export function notaContinua(siguiente: string): string {
  return `La tabla sigue en la hoja «${siguiente}».`;
}

/**
 * Column widths in characters that fit the header and the longest value shown among the rows
 * seen, within 8–60.
 */
export class AnchosColumnas {
  private readonly w: number[];
  constructor(private readonly columnas: Columna[]) {
    this.w = columnas.map((c) => {
      const longestWord = Math.max(...c.titulo.split(/\s+/).map((x) => x.length));
      return Math.max(longestWord, Math.min(c.titulo.length, 24));
    });
  }

  ver(r: Record<string, Valor>): void {
    this.columnas.forEach((c, j) => {
      const text = formatValor(r[c.clave] ?? null, c);
      for (const l of text.split('\n')) if (l.length > this.w[j]) this.w[j] = l.length;
    });
  }

  anchos(): number[] {
    return this.w.map((w) => {
      const fitted = Math.min(60, Math.max(8, w + 2));
      // exceljs takes a width of exactly 9 for its default and does not write it (Excel would show 8,43).
      return fitted === 9 ? 9.5 : fitted;
    });
  }
}

/** A table's rows cut into the sheets that hold them: at least one, maybe with no rows. */
export function piezas<T>(filas: T[], maxFilas: number): T[][] {
  if (filas.length === 0) return [[]];
  const out: T[][] = [];
  for (let k = 0; k < filas.length; k += maxFilas) out.push(filas.slice(k, k + maxFilas));
  return out;
}
