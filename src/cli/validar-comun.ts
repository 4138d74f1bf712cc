import { DataInvalidError, InputError } from '../core/errors.js';
import { IssueCollector, type ValidationReport } from '../core/report.js';
import { archivoDeVarios } from '../io/progreso.js';
import { validacionResultado } from '../render/validacion.js';
import { emit, type CommonOptions } from './common.js';

/**
 * Shared by every `validar`: validates each file, emits one combined report, and ends in
 * exit 1 when any file is invalid (warnings alone keep exit 0, unless `--estricto`).
 * `--max-errores N` caps the issues shown, never the validation.
 * Among several files, one that cannot be read (missing, empty, not a workbook, over a limit)
 * is an `archivo-ilegible` error of its report and the others are still validated; a single
 * file that cannot be read ends the run (exit 2), as `pbr validar` does.
 */
export async function runValidar(
  comando: string,
  files: string[],
  opts: CommonOptions,
  validateFile: (file: string) => Promise<ValidationReport>,
): Promise<ValidationReport[]> {
  const reports: ValidationReport[] = [];
  for (const [i, f] of files.entries()) {
    archivoDeVarios(i + 1, files.length);
    try {
      reports.push(await validateFile(f));
    } catch (err) {
      if (!(err instanceof InputError) || files.length === 1) throw err;
      reports.push(reporteIlegible(f, err.message));
    }
  }
  archivoDeVarios(0, 0);
  const resultado = validacionResultado(comando, reports, { estricto: opts.estricto, maxErrores: opts.maxErrores });
  await emit(resultado, opts);
  const shown = resultado.validacion?.reportes ?? reports;
  if (shown.some((r) => !r.valido)) throw new DataInvalidError('', shown);
  return reports;
}

/** The report of a file that could not be read: one `archivo-ilegible` error saying why. */
export function reporteIlegible(file: string, mensaje: string): ValidationReport {
  const c = new IssueCollector(file);
  // InputError messages start with the file's name, which the report already carries.
  const porque = mensaje.startsWith(`${file}: `) ? mensaje.slice(file.length + 2) : mensaje;
  c.error('archivo-ilegible', porque);
  return { archivo: file, tipo: 'desconocido', hoja: null, valido: false, issues: c.issues, notas: [] };
}
