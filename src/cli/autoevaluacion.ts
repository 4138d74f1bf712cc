import { Command } from 'commander';
import { z } from 'zod';
import { DataInvalidError, UsageError } from '../core/errors.js';
import type { ValidationReport } from '../core/report.js';
import type { Row, Sheet } from '../io/cell.js';
import { openRows, type RowSource } from '../io/stream-rows.js';
import { assertNotAnInput } from '../io/write-output.js';
import { calcularCiclo, type Ciclo } from '../autoevaluacion/calcular.js';
import { compararCiclos, entidadesComparables, modelosComparables } from '../autoevaluacion/comparar.js';
import { LectorAutoevaluacion, type LecturaCiclo } from '../autoevaluacion/lector.js';
import { leerCiclo } from '../autoevaluacion/leer.js';
import { resultadoCalculo, resultadoComparacion } from '../autoevaluacion/tablas.js';
import { resultadoCalculoCiclos } from '../autoevaluacion/tablas-ciclos.js';
import { renderTabla } from '../render/tabla.js';
import { ubicacion, validacionResultado } from '../render/validacion.js';
import { normalizeKey } from '../core/text.js';
import { addCommonOptions, commonSchema, emit, parseOptions, readOptions, resolveFormato, type CommonOptions } from './common.js';
import { runValidar } from './validar-comun.js';

const ARCHIVO = 'libro .xlsx o .csv (- para la entrada estándar)';

/**
 * Reads and validates one self-assessment file: the first half of every command. A small
 * file is read whole; a large one as a stream of rows, keeping a byte per elemento score.
 */
export async function cargarCiclo(file: string, o: CommonOptions, abierta?: RowSource): Promise<LecturaCiclo> {
  const source = abierta ?? (await openRows(file, readOptions(o)));
  const opts = { hoja: o.hoja, decimal: o.decimal };
  if (!source.streamed) {
    const sheets: Sheet[] = [];
    for await (const s of source.sheets()) {
      const rows: Row[] = [];
      for await (const r of s.rows) rows.push(r);
      sheets.push({ name: s.name, rows });
    }
    return leerCiclo({ file, format: source.format, sheets, notes: source.notes }, opts);
  }
  const leer = async (src: RowSource, hojaModelo?: Sheet) => {
    const lector = new LectorAutoevaluacion(file, src.format, src.notes, { ...opts, hojaModelo });
    for await (const s of src.sheets()) {
      lector.startSheet(s.name);
      for await (const r of s.rows) lector.row(r);
      lector.endSheet();
    }
    return lector.finish();
  };
  const r = await leer(source);
  if (!('releer' in r)) return r;
  // The model sheet came after the long detalle table: the file is read again with it.
  const r2 = await leer(await openRows(file, readOptions(o)), r.releer);
  if ('releer' in r2) throw new Error(`${file}: el modelo no quedó fijo en la segunda lectura`);
  return r2;
}

/** The one cycle a command works on: the file's only one, or the one `--ciclo` names. */
function elegirCiclo(file: string, ciclos: Ciclo[], ciclo: string | undefined): Ciclo | null {
  if (ciclo === undefined) return ciclos.length === 1 ? ciclos[0] : null;
  const k = normalizeKey(ciclo);
  const c = ciclos.find((x) => x.etiqueta === ciclo) ?? ciclos.find((x) => x.etiqueta != null && normalizeKey(x.etiqueta) === k);
  if (!c) throw new UsageError(`${file}: no tiene el ciclo «${ciclo}»; ${ciclos.length === 1 && ciclos[0].etiqueta == null ? 'no tiene columna Ciclo ni Año' : `sus ciclos son ${listaCiclos(ciclos)}`}.`);
  return c;
}

function listaCiclos(ciclos: Ciclo[]): string {
  return ciclos.map((c) => `«${c.etiqueta ?? 'sin ciclo'}»`).join(', ');
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

const calcularSchema = commonSchema.extend({ detalle: z.boolean().optional(), ciclo: z.string().min(1).optional() });
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

  addCommonOptions(ae.command('calcular').usage('[opciones] <archivo>').argument('<archivo>', ARCHIVO), { tabla: ['criterios', 'gores', 'logro', 'subcriterios', 'ciclos'] })
    .option('--detalle', 'agrega los puntajes por subcriterio (si el libro trae puntajes por elemento)')
    .option('--ciclo <ciclo>', 'con varios ciclos en el libro (columna Ciclo o Año), calcula solo este (por omisión, cada uno)')
    .description('calcula el puntaje y % logro de cada GORE (o municipio, servicio…) por criterio y en total, su lugar, y el promedio y % logro de cada criterio; con varios ciclos, cada uno')
    .addHelpText('after', '\nEjemplos:\n  pbr autoevaluacion calcular ciclo2013.xlsx\n  pbr autoevaluacion calcular detalle.xlsx --detalle --formato csv --tabla subcriterios\n  pbr autoevaluacion calcular municipios.xlsx --ciclo 2020')
    .action(async (file: string, raw: unknown) => {
      const o = parseOptions(calcularSchema, raw);
      if (o.salida) assertNotAnInput(o.salida, [file]);
      if (o.tabla === 'subcriterios' && !o.detalle) throw new UsageError('--tabla subcriterios requiere --detalle.');
      const { ciclos, report } = await cargarCiclo(file, o);
      refuseInvalid([report], 'calcular');
      notesOnStderr(report);
      const notas: string[] = [];
      if (o.detalle && ciclos![0].layout !== 'detalle') notas.push(`${file}: el libro trae puntajes por criterio, no por elemento; --detalle no agrega subcriterios.`);
      const ciclo = elegirCiclo(file, ciclos!, o.ciclo);
      if (ciclo) {
        if (o.tabla === 'ciclos') throw new UsageError('--tabla ciclos resume varios ciclos; con uno solo, use --tabla criterios.');
        return emit(resultadoCalculo(ciclo, calcularCiclo(ciclo, { subcriterios: !!o.detalle }), { detalle: !!o.detalle, notas }), o);
      }
      await emit(resultadoCalculoCiclos(ciclos!, ciclos!.map((c) => calcularCiclo(c, { subcriterios: !!o.detalle })), { detalle: !!o.detalle, notas }), o);
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
      const b = f2 === f1 ? a : await cargarCiclo(f2, o);
      refuseInvalid(f2 === f1 ? [a.report] : [a.report, b.report], 'comparar');
      notesOnStderr(a.report);
      if (f2 !== f1) notesOnStderr(b.report);
      // A file with several cycles gives the one --etiquetas names for its place (c1 or c2).
      const uno = (file: string, ciclos: Ciclo[], i: 0 | 1): Ciclo => {
        if (ciclos.length === 1) return ciclos[0];
        if (!o.etiquetas) throw new UsageError(`${file} trae ${ciclos.length} ciclos (${listaCiclos(ciclos)}): diga cuáles comparar con --etiquetas, p. ej. pbr autoevaluacion comparar ${file} ${file} --etiquetas "${ciclos[0].etiqueta},${ciclos[ciclos.length - 1].etiqueta}".`);
        return elegirCiclo(file, ciclos, o.etiquetas[i])!;
      };
      const c1 = uno(f1, a.ciclos!, 0);
      const c2 = uno(f2, b.ciclos!, 1);
      const distinto = entidadesComparables(c1, c2) ?? modelosComparables(c1.modelo, c2.modelo);
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
