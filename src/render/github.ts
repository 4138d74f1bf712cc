import type { Issue } from '../core/report.js';
import type { Validacion } from './model.js';

/**
 * The report of `validar` as GitHub Actions workflow commands: one
 * `::error file=…,line=…,col=…,title=…::message` (or `::warning`) per issue, so a run
 * annotates the submitted file, and a closing `::notice` with the counts.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
export function renderGithub(v: Validacion): string {
  const lines: string[] = [];
  for (const r of v.reportes) for (const i of r.issues) lines.push(annotation(i, v.estricto));
  if (v.limite) {
    lines.push(`::warning title=${prop('pbr validar')}::${data(`Reporte limitado a ${v.limite.maximo} problema(s) por --max-errores: se omitieron ${v.limite.omitidos}.`)}`);
  }
  const invalidos = v.reportes.filter((r) => !r.valido).length;
  lines.push(
    `::notice title=${prop('pbr validar')}::${data(`${v.reportes.length} archivo(s), ${invalidos} no válido(s), ${v.errores} error(es), ${v.advertencias} advertencia(s)${v.estricto ? ' (--estricto: las advertencias invalidan)' : ''}.`)}`,
  );
  return `${lines.join('\n')}\n`;
}

function annotation(i: Issue, estricto: boolean): string {
  // Under --estricto a warning fails the run, so it is annotated as an error.
  const cmd = i.severidad === 'error' || estricto ? 'error' : 'warning';
  const props = [`file=${prop(i.archivo)}`];
  if (i.fila != null) props.push(`line=${i.fila}`);
  const col = i.columna ? columnNumber(i.columna) : null;
  if (col != null) props.push(`col=${col}`);
  const where = i.celda ?? (i.fila != null ? `fila ${i.fila}` : i.hoja ? `hoja ${i.hoja}` : null);
  props.push(`title=${prop(where ? `${i.codigo} (${where})` : i.codigo)}`);
  return `::${cmd} ${props.join(',')}::${data(i.mensaje)}`;
}

/** A (message) data: `%`, CR and LF are escaped as GitHub's runner expects. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, plus `:` and `,`, which separate properties. */
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `C` → 3, `AA` → 27; null when it is not a column letter. */
export function columnNumber(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
