import { DataInvalidError } from '../core/errors.js';
import type { ValidationReport } from '../core/report.js';
import { archivoDeVarios } from '../io/progreso.js';
import { validacionResultado } from '../render/validacion.js';
import { emit, type CommonOptions } from './common.js';

/**
 * Shared by every `validar`: validates each file, emits one combined report, and ends in
 * exit 1 when any file is invalid (warnings alone keep exit 0, unless `--estricto`).
 * `--max-errores N` caps the issues shown, never the validation.
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
    reports.push(await validateFile(f));
  }
  archivoDeVarios(0, 0);
  const resultado = validacionResultado(comando, reports, { estricto: opts.estricto, maxErrores: opts.maxErrores });
  await emit(resultado, opts);
  const shown = resultado.validacion?.reportes ?? reports;
  if (shown.some((r) => !r.valido)) throw new DataInvalidError('', shown);
  return reports;
}
