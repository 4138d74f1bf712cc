import { Command } from 'commander';
import { z } from 'zod';
import { DataInvalidError, UsageError } from '../core/errors.js';
import type { ValidationReport } from '../core/report.js';
import { readWorkbook } from '../io/read-workbook.js';
import { assertNotAnInput } from '../io/write-output.js';
import { calcularCiclo, type Ciclo } from '../autoevaluacion/calcular.js';
import { compararCiclos, modelosComparables } from '../autoevaluacion/comparar.js';
import { leerCiclo } from '../autoevaluacion/leer.js';
import { resultadoCalculo, resultadoComparacion } from '../autoevaluacion/tablas.js';
import { renderTabla } from '../render/tabla.js';
import { ubicacion, validacionResultado } from '../render/validacion.js';
import { addCommonOptions, commonSchema, emit, parseOptions, readOptions, resolveFormato, type CommonOptions } from './common.js';
import { runValidar } from './validar-comun.js';

const ARCHIVO = 'libro .xlsx o .csv (- para la entrada estándar)';

/** Reads and validates one self-assessment file: the first half of every command. */
export async function cargarCiclo(file: string, o: CommonOptions): Promise<{ ciclo: Ciclo | null; report: ValidationReport }> {
  const wb = await readWorkbook(file, readOptions(o));
  return leerCiclo(wb, { hoja: o.hoja, decimal: o.decimal });
}

/** Invalid data stops calcular/comparar: the report goes to stderr, nothing is written. */
function refuseInvalid(reports: ValidationReport[], verbo: 'calcular' | 'comparar'): void {
  const invalid = reports.filter((r) => !r.valido);
  if (invalid.length === 0) return;
  process.stderr.write(renderTabla(validacionResultado('autoevaluacion validar', invalid)));
  const errores = invalid.flatMap((r) => r.issues).filter((i) => i.severidad === 'error').length;
  throw new DataInvalidError(`${invalid.map((r) => r.archivo).join(', ')}: ${errores} error(es) en los datos; corríjalos antes de ${verbo} (detalle arriba, o pbr autoevaluacion validar).`, invalid);
}

function notesOnStderr(report: ValidationReport): void {
  for (const n of report.notas) process.stderr.write(`nota: ${n}\n`);
  for (const i of report.issues.filter((x) => x.severidad === 'advertencia')) process.stderr.write(`advertencia [${i.codigo}] ${ubicacion(i)}: ${i.mensaje}\n`);
}

const calcularSchema = commonSchema.extend({ detalle: z.boolean().optional() });
const compararSchema = commonSchema.extend({
  etiquetas: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const parts = v.split(',').map((s) => s.trim());
      if (parts.length !== 2 || parts.some((p) => p === '') || parts[0] === parts[1]) {
        ctx.addIssue({ code: 'custom', message: `--etiquetas debe nombrar los dos ciclos, distintos, separados por coma (por ejemplo "2010,2013"), no «${v}».` });
        return z.NEVER;
      }
      return parts as [string, string];
    }),
  barras: z.boolean().optional(),
});

export function registerAutoevaluacion(program: Command): void {
  const ae = program
    .command('autoevaluacion')
    .usage('<comando> [opciones] <archivo...>')
    .description('autoevaluación de los Gobiernos Regionales (SUBDERE): validar, calcular y comparar ciclos')
    .addHelpText('after', '\nEjemplo:\n  pbr autoevaluacion comparar ciclo2010.xlsx ciclo2013.csv --etiquetas "2010,2013"');

  addCommonOptions(ae.command('validar').usage('[opciones] <archivo...>').argument('<archivo...>', 'libros .xlsx o .csv (- para la entrada estándar)'))
    .description('revisa cada archivo (puntajes sobre el máximo o negativos, elementos fuera de 0–5, totales que no suman, criterios o elementos faltantes, GORE repetidos o desconocidos); sale con 1 si hay errores')
    .addHelpText('after', '\nEjemplos:\n  pbr autoevaluacion validar ciclo2013.xlsx\n  pbr autoevaluacion validar *.csv --formato json -o reporte.json')
    .action(async (files: string[], raw: unknown) => {
      const o = parseOptions(commonSchema, raw);
      if (o.salida) assertNotAnInput(o.salida, files);
      await runValidar('autoevaluacion validar', files, o, async (f) => (await cargarCiclo(f, o)).report);
    });

  addCommonOptions(ae.command('calcular').usage('[opciones] <archivo>').argument('<archivo>', ARCHIVO), { tabla: ['criterios', 'gores', 'logro', 'subcriterios'] })
    .option('--detalle', 'agrega los puntajes por subcriterio (si el libro trae puntajes por elemento)')
    .description('calcula el puntaje y % logro de cada GORE por criterio y en total, su lugar, y el promedio y % logro de cada criterio')
    .addHelpText('after', '\nEjemplos:\n  pbr autoevaluacion calcular ciclo2013.xlsx\n  pbr autoevaluacion calcular detalle.xlsx --detalle --formato csv --tabla subcriterios')
    .action(async (file: string, raw: unknown) => {
      const o = parseOptions(calcularSchema, raw);
      if (o.salida) assertNotAnInput(o.salida, [file]);
      if (o.tabla === 'subcriterios' && !o.detalle) throw new UsageError('--tabla subcriterios requiere --detalle.');
      const { ciclo, report } = await cargarCiclo(file, o);
      refuseInvalid([report], 'calcular');
      notesOnStderr(report);
      const notas: string[] = [];
      if (o.detalle && ciclo!.layout !== 'detalle') notas.push(`${file}: el libro trae puntajes por criterio, no por elemento; --detalle no agrega subcriterios.`);
      await emit(resultadoCalculo(ciclo!, calcularCiclo(ciclo!), { detalle: !!o.detalle, notas }), o);
    });

  addCommonOptions(ae.command('comparar').usage('[opciones] <ciclo1> <ciclo2>').argument('<ciclo1>', `primer ciclo: ${ARCHIVO}`).argument('<ciclo2>', `segundo ciclo: ${ARCHIVO}`), { tabla: ['criterios', 'gores'] })
    .option('--etiquetas <c1,c2>', 'nombres de los ciclos, p. ej. "2010,2013" (por omisión, la columna Ciclo o Año de cada archivo, si no C1 y C2)')
    .option('--barras', 'dibuja la barra de cada criterio aunque la salida no sea una terminal')
    .description('compara dos ciclos: promedio por criterio en cada uno, % logro del segundo y % mejora; total, diferencia y cambio de lugar de cada GORE')
    .addHelpText('after', '\nEjemplos:\n  pbr autoevaluacion comparar ciclo2010.xlsx ciclo2013.csv\n  pbr autoevaluacion comparar c1.xlsx c2.xlsx --etiquetas "2010,2013" --formato json')
    .action(async (f1: string, f2: string, raw: unknown) => {
      const o = parseOptions(compararSchema, raw);
      if (o.salida) assertNotAnInput(o.salida, [f1, f2]);
      if (f1 === '-' && f2 === '-') throw new UsageError('solo uno de los ciclos puede leerse de la entrada estándar (-).');
      const a = await cargarCiclo(f1, o);
      const b = await cargarCiclo(f2, o);
      refuseInvalid([a.report, b.report], 'comparar');
      notesOnStderr(a.report);
      notesOnStderr(b.report);
      const c1 = a.ciclo!;
      const c2 = b.ciclo!;
      const distinto = modelosComparables(c1.modelo, c2.modelo);
      if (distinto) throw new DataInvalidError(`no se pueden comparar ${f1} y ${f2}: ${distinto}`, [a.report, b.report]);
      const etiquetas = o.etiquetas ?? etiquetasPorOmision(c1.etiqueta, c2.etiqueta);
      const barras = resolveFormato(o) === 'tabla' && (!!o.barras || (!o.salida && !!process.stdout.isTTY));
      await emit(resultadoComparacion(compararCiclos(c1, c2, etiquetas), [f1, f2], { barras, notas: [] }), o);
    });
}

/** The files' own cycle or year, when both have one and they differ; else C1 and C2. */
export function etiquetasPorOmision(e1: string | null, e2: string | null): [string, string] {
  return e1 && e2 && e1 !== e2 ? [e1, e2] : ['C1', 'C2'];
}
