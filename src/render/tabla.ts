import Table from 'cli-table3';
import { formatValor } from './format.js';
import type { Resultado, Tabla } from './model.js';

export interface TablaOptions {
  color: boolean;
}

/** The tables of a result, aligned, es-CL numbers, totals under a rule. */
export function renderTabla(resultado: Resultado, opts: TablaOptions = { color: false }): string {
  return resultado.tablas.map((t) => renderUna(t, opts)).join('\n\n') + '\n';
}

function renderUna(t: Tabla, opts: TablaOptions): string {
  const format = (rows: Tabla['filas']) =>
    rows.map((r) => t.columnas.map((c) => wrapLong(textoVisible(formatValor(r[c.clave] ?? null, c)))));
  const body = format(t.filas);
  const totals = format(t.totales ?? []);
  const table = new Table({
    head: t.columnas.map((c) => textoVisible(c.titulo)),
    style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true },
    colAligns: t.columnas.map((c) => (c.tipo === 'texto' ? 'left' : 'right')),
  });
  for (const r of body) table.push(r);
  if (totals.length) {
    // cli-table3 draws no rule inside a compact table: a row of rules marks the totals.
    const widths = t.columnas.map((c, i) =>
      Math.max(...[c.titulo, ...body.map((r) => r[i]), ...totals.map((r) => r[i])].flatMap((s) => s.split('\n').map((l) => l.length))),
    );
    table.push(widths.map((w) => '─'.repeat(w)));
    for (const r of totals) table.push(opts.color ? r.map((s) => `\u001b[1m${s}\u001b[22m`) : r);
  }
  const out = [textoVisible(t.titulo), table.toString()];
  for (const n of t.notas ?? []) out.push(textoVisible(n));
  return out.join('\n');
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
