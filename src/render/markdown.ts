import { formatValor } from './format.js';
import { textoVisible } from './tabla.js';
import type { Columna, Resultado, Tabla, Valor } from './model.js';

/**
 * The tables of a result as GitHub-flavoured Markdown, ready to paste into a report or a pull
 * request: a heading per table, es-CL numbers, numbers right-aligned, totals rows in bold,
 * notes as a list under the table.
 */
export function renderMarkdown(resultado: Resultado): string {
  return resultado.tablas.map(renderTablaMarkdown).join('\n') ;
}

export function renderTablaMarkdown(t: Tabla): string {
  const out: string[] = [`### ${escapeInline(t.titulo)}`, ''];
  out.push(row(t.columnas.map((c) => escapeCell(c.titulo))));
  out.push(row(t.columnas.map((c) => (c.tipo === 'texto' ? '---' : '---:'))));
  for (const r of t.filas) out.push(row(t.columnas.map((c) => cell(r[c.clave] ?? null, c, false))));
  for (const r of t.totales ?? []) out.push(row(t.columnas.map((c) => cell(r[c.clave] ?? null, c, true))));
  if (t.notas?.length) {
    out.push('');
    for (const n of t.notas) out.push(`- ${escapeInline(n)}`);
  }
  return `${out.join('\n')}\n`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function cell(v: Valor, c: Columna, bold: boolean): string {
  const text = escapeCell(formatValor(v, c));
  return bold && text !== '' ? `**${text}**` : text;
}

/** A pipe ends a cell and a line break ends the table: both are escaped. */
export function escapeCell(s: string): string {
  return escapeInline(s).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/**
 * Markdown would read `*`, `_`, `` ` ``, `<` and a leading `#` as markup; shown as typed.
 * Control characters from the input are shown as U+FFFD (see textoVisible).
 */
function escapeInline(s: string): string {
  return textoVisible(s).replace(/([\\`*_<>[\]])/g, '\\$1').replace(/^#/, '\\#');
}
