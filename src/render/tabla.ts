import Table from 'cli-table3';
import stringWidth from 'string-width';
import { formatValor } from './format.js';
import type { Resultado, Tabla } from './model.js';

export interface TablaOptions {
  color: boolean;
  /** Rows laid out by cli-table3 at a time (see renderUna); for tests. */
  filasPorBloque?: number;
}

/**
 * cli-table3 lays a table out in time that grows with the square of its rows (for each cell it
 * looks through every row above for a span: cli-table3#68, open): a validation of 10 000
 * problems took 8 s, 20 000 took 23 s. Longer tables are drawn in blocks of this many rows, with
 * the same column widths, and joined where their borders meet: the same text, in linear time.
 */
const FILAS_POR_BLOQUE = 250;

/** The tables of a result, aligned, es-CL numbers, totals under a rule. */
export function renderTabla(resultado: Resultado, opts: TablaOptions = { color: false }): string {
  return resultado.tablas.map((t) => renderUna(t, opts)).join('\n\n') + '\n';
}

function renderUna(t: Tabla, opts: TablaOptions): string {
  const format = (rows: Tabla['filas']) =>
    rows.map((r) => t.columnas.map((c) => wrapLong(textoVisible(formatValor(r[c.clave] ?? null, c)))));
  const head = t.columnas.map((c) => textoVisible(c.titulo));
  const body = format(t.filas);
  const totals = format(t.totales ?? []);
  const filas = body.flatMap(enLineas);
  if (totals.length) {
    // cli-table3 draws no rule inside a compact table: a row of rules marks the totals.
    const widths = t.columnas.map((c, i) =>
      Math.max(...[c.titulo, ...body.map((r) => r[i]), ...totals.map((r) => r[i])].flatMap((s) => s.split('\n').map((l) => l.length))),
    );
    filas.push(widths.map((w) => '─'.repeat(w)));
    for (const r of totals.flatMap(enLineas)) filas.push(opts.color ? r.map((s) => `\u001b[1m${s}\u001b[22m`) : r);
  }
  const porBloque = opts.filasPorBloque ?? FILAS_POR_BLOQUE;
  const options = {
    style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true },
    colAligns: t.columnas.map((c) => (c.tipo === 'texto' ? 'left' : 'right' as const)),
  };
  let dibujo: string;
  if (filas.length <= porBloque) {
    const table = new Table({ ...options, head });
    for (const r of filas) table.push(r);
    dibujo = table.toString();
  } else {
    // The widths cli-table3 would give the whole table: its widest line, plus a space each side.
    const colWidths = head.map((h) => anchoVisible(h) + 2);
    for (const r of filas) for (let i = 0; i < r.length; i++) colWidths[i] = Math.max(colWidths[i], anchoVisible(r[i]) + 2);
    const bloques: string[] = [];
    for (let desde = 0; desde < filas.length; desde += porBloque) {
      const table = new Table({ ...options, colWidths, head: desde === 0 ? head : [] });
      for (const r of filas.slice(desde, desde + porBloque)) table.push(r);
      const lineas = table.toString().split('\n');
      // The first block keeps its top border, the last its bottom one; where two meet, neither.
      const hasta = desde + porBloque < filas.length ? lineas.length - 1 : lineas.length;
      bloques.push(lineas.slice(desde === 0 ? 0 : 1, hasta).join('\n'));
    }
    dibujo = bloques.join('\n');
  }
  const out = [textoVisible(t.titulo), dibujo];
  for (const n of t.notas ?? []) out.push(textoVisible(n));
  return out.join('\n');
}

/**
 * A row whose cells run to several lines (a wrapped name or message) as that many rows of one
 * line each, the other cells empty below their first line: a compact table draws them the same,
 * and cli-table3 measures a cell of several lines character by character, again for each line
 * it draws (a 10 000-problem validation spent 2,7 s there).
 */
function enLineas(row: string[]): string[][] {
  if (!row.some((c) => c.includes('\n'))) return [row];
  const celdas = row.map((c) => c.split('\n'));
  const alto = Math.max(...celdas.map((l) => l.length));
  return Array.from({ length: alto }, (_, k) => celdas.map((l) => l[k] ?? ''));
}

/** A cell's width on a terminal as cli-table3 measures it: its widest line, colour codes left out. */
function anchoVisible(text: string): number {
  let max = 0;
  for (const linea of text.replace(/\u001b\[(?:\d*;){0,5}\d*m/g, '').split('\n')) max = Math.max(max, stringWidth(linea));
  return max;
}

/**
 * Text from the input as a terminal shows it, never as what it would do: a control character
 * (C0, DEL, C1: an ESC starting a colour or cursor sequence, a bell, a carriage return that
 * overwrites the line) is shown as U+FFFD; a tab is a space; a line break stays (a cell of
 * several lines).
 */
export function textoVisible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, ' ').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Long texts (indicator names run to 200 characters) are wrapped at 60 columns. */
function wrapLong(text: string, width = 60): string {
  if (text.length <= width) return text;
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
