import type { Command } from 'commander';
import { cargarCiclo } from './autoevaluacion.js';
import { CONFIG_DIPRES } from '../indicadores/calcular.js';
import { InputError } from '../core/errors.js';
import { IssueCollector, type ValidationReport } from '../core/report.js';
import { readWorkbook } from '../io/read-workbook.js';
import { addCommonOptions, commonSchema, parseOptions, readOptions, type CommonOptions } from './common.js';
import { detectarTipo } from './detectar.js';
import { expandirArchivos } from './expandir.js';
import { leerYValidar } from './indicadores.js';
import { runValidar } from './validar-comun.js';

/** `pbr validar`: any mix of indicator and self-assessment files, folders and globs; one report. */
export function registerValidar(program: Command): void {
  addCommonOptions(
    program
      .command('validar')
      .usage('[opciones] <archivo|carpeta|patrón...>')
      .description('valida libros de indicadores y de autoevaluación (detecta cuál es cada uno); acepta carpetas y patrones')
      .argument('<archivo...>', 'libros .xlsx o .csv, carpetas (se recorren) o patrones como "envios/*.xlsx"'),
  )
    .addHelpText(
      'after',
      `
Usa el umbral de cumplimiento por omisión (95 %); para otro, pbr indicadores validar --umbral.
Con varios archivos, uno ilegible (vacío, .xls, no es planilla) es un error del reporte (salida 1);
con uno solo, pbr no puede ejecutarse (salida 2).

Ejemplos:
  pbr validar envios/ --formato github --estricto
  pbr validar "envios/**/*.xlsx" --formato json -o reporte.json
  pbr validar indicadores.xlsx -o anotado.xlsx`,
    )
    .action(async (args: string[], raw: unknown) => {
      const o = parseOptions(commonSchema, raw);
      const files = expandirArchivos(args);
      await runValidar('validar', files, o, async (f) => {
        try {
          return await validarDetectando(f, o);
        } catch (err) {
          // Among several files, an unreadable one is a finding of the report, not the end of the run.
          if (!(err instanceof InputError) || files.length === 1) throw err;
          return ilegible(f, err.message);
        }
      });
    });
}

/** Tells the file's domain from its headers, then validates it with that domain's rules. */
export async function validarDetectando(file: string, o: CommonOptions): Promise<ValidationReport> {
  // Standard input can be read once: it goes to the indicator reader, the commoner case.
  const tipo = file === '-' ? 'indicadores' : detectarTipo(await readWorkbook(file, readOptions(o)));
  if (tipo === 'indicadores') return (await leerYValidar(file, o, CONFIG_DIPRES)).report;
  if (tipo === 'autoevaluacion') return (await cargarCiclo(file, o)).report;
  const c = new IssueCollector(file);
  c.error('tipo-desconocido', 'No parece un libro de indicadores (columna Indicador o columnas de año) ni de autoevaluación (GORE y criterios o elementos).');
  return { archivo: file, tipo: 'desconocido', hoja: null, valido: false, issues: c.issues, notas: [] };
}

function ilegible(file: string, mensaje: string): ValidationReport {
  const c = new IssueCollector(file);
  c.error('archivo-ilegible', mensaje.replace(/^.*?: /, ''));
  return { archivo: file, tipo: 'desconocido', hoja: null, valido: false, issues: c.issues, notas: [] };
}
