import { Command } from 'commander';
import { z } from 'zod';
import { DataInvalidError, UsageError } from '../core/errors.js';
import { formatNumero } from '../core/numero-es.js';
import { IssueCollector, type ValidationReport } from '../core/report.js';
import type { Delimiter } from '../io/read-csv.js';
import { openRows, type RowSource } from '../io/stream-rows.js';
import { assertNotAnInput, openAtomicOutput } from '../io/write-output.js';
import type { ConfigCumplimiento, CumplimientoAnual } from '../indicadores/calcular.js';
import { LectorIndicadores } from '../indicadores/lector.js';
import { calcularResultado, resumenResultado, SalidaCalcular, TABLAS_CALCULAR, type TablaCalcular } from '../indicadores/reporte.js';
import { SalidaCalcularXlsx } from '../indicadores/reporte-xlsx.js';
import type { IndicadorResumido } from '../indicadores/resumen.js';
import type { Indicador, LibroIndicadores } from '../indicadores/schema.js';
import { reporteDe, ValidadorLibro } from '../indicadores/validar.js';
import { renderTabla } from '../render/tabla.js';
import { validacionResultado, ubicacion } from '../render/validacion.js';
import { addCommonOptions, commonSchema, emit, parseOptions, readOptions, resolveFormato, type CommonOptions } from './common.js';
import { runValidar } from './validar-comun.js';

const porcentaje = (name: string) =>
  z.string().optional().transform((v, ctx) => {
    if (v === undefined) return undefined;
    const n = Number(v.replace(',', '.').replace('%', ''));
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: `--${name} debe ser un porcentaje (por ejemplo 95), no «${v}».` });
      return z.NEVER;
    }
    return n;
  });

export const cumplimientoSchema = commonSchema.extend({
  umbral: porcentaje('umbral'),
  sobrecumplimiento: porcentaje('sobrecumplimiento'),
  anio: z.string().regex(/^\d{4}$/, '--anio debe ser un año de cuatro cifras').optional(),
});
type CumplimientoOptions = z.infer<typeof cumplimientoSchema>;

/**
 * The compliance thresholds asked for. An umbral above the sobrecumplimiento threshold would make
 * every indicator that cumple a sobrecumplimiento: refused as a usage error, before any input is read.
 */
export function configDe(o: CumplimientoOptions): ConfigCumplimiento {
  const cfg = { umbral: o.umbral ?? 95, sobrecumplimiento: o.sobrecumplimiento ?? 130 };
  if (cfg.sobrecumplimiento > 0 && cfg.umbral > cfg.sobrecumplimiento) {
    throw new UsageError(
      `--umbral (${formatNumero(cfg.umbral)}) no puede superar --sobrecumplimiento (${formatNumero(cfg.sobrecumplimiento)}): ` +
        'todo indicador que cumple sería un sobrecumplimiento. Suba --sobrecumplimiento, o desactívelo con --sobrecumplimiento 0.',
    );
  }
  return cfg;
}

/** validar classifies no cumplimiento: of the two, only --sobrecumplimiento changes what it reports. */
function addCumplimientoOptions(cmd: Command): Command {
  const umbral = cmd.name() === 'validar'
    ? 'se acepta como en calcular, pero no cambia la validación: validar no dice qué indicador cumple'
    : 'cumplimiento desde el que un indicador cumple';
  const sobre = cmd.name() === 'validar'
    ? 'cumplimiento sobre el que se advierte sobrecumplimiento, la única advertencia que depende de un umbral (0 la desactiva)'
    : 'cumplimiento sobre el que se advierte sobrecumplimiento (0 lo desactiva)';
  return cmd.option('--umbral <porcentaje>', umbral, '95').option('--sobrecumplimiento <porcentaje>', sobre, '130');
}

/**
 * Reads and validates one indicator file row by row, handing each valid-or-not indicator to
 * `onIndicador` as it is read: the shared first half of every command. Memory stays bounded
 * on large files because only the whole-set checks' summaries are kept.
 */
export async function leerYValidar(
  /** A path, or a file already opened (pbr validar opens it once to tell its domain). */
  entrada: string | RowSource,
  o: CommonOptions,
  cfg: ConfigCumplimiento,
  /** Each indicator with its cumplimientos (computed by the validation, given so they are not computed twice). */
  onIndicador: (ind: Indicador, cumplimientos: CumplimientoAnual[]) => void = () => {},
  /** Asked after each row: a promise holds the reading back (a streamed writer that is behind). */
  espera: () => Promise<void> | null = () => null,
): Promise<{ libro: Omit<LibroIndicadores, 'indicadores'>; report: ValidationReport }> {
  const source = typeof entrada === 'string' ? await openRows(entrada, readOptions(o)) : entrada;
  const file = source.file;
  const collector = new IssueCollector(file);
  collector.notas.push(...source.notes);
  const validador = new ValidadorLibro(collector, cfg);
  const lector = new LectorIndicadores(file, source.format, collector, { hoja: o.hoja, decimal: o.decimal }, (ind) => {
    onIndicador(ind, validador.add(ind));
  });
  for await (const sheet of source.sheets()) {
    if (!lector.startSheet(sheet.name)) {
      for await (const _ of sheet.rows) void _; // the reader must go past a sheet to reach the next
      continue;
    }
    for await (const row of sheet.rows) {
      lector.row(row);
      const p = espera();
      if (p) await p;
    }
    lector.endSheet();
  }
  const libro = lector.finish();
  validador.finish(libro);
  return { libro, report: reporteDe(libro, collector) };
}

/** Reads a whole file into memory (for tables meant for people, and tests). */
export async function cargarIndicadores(file: string, o: CommonOptions, cfg: ConfigCumplimiento): Promise<{ libro: LibroIndicadores; report: ValidationReport }> {
  const indicadores: Indicador[] = [];
  const { libro, report } = await leerYValidar(file, o, cfg, (i) => indicadores.push(i));
  return { libro: { ...libro, indicadores }, report };
}

/** Invalid data stops calcular/resumen: the report goes to stderr, nothing is written. */
function refuseInvalid(report: ValidationReport): void {
  if (report.valido) return;
  process.stderr.write(renderTabla(validacionResultado('indicadores validar', [report])));
  const errores = report.issues.filter((i) => i.severidad === 'error').length;
  throw new DataInvalidError(`${report.archivo}: ${errores} error(es) en los datos; corríjalos antes de calcular (detalle arriba, o pbr indicadores validar).`, [report]);
}

function warnOnStderr(report: ValidationReport): void {
  for (const n of report.notas) process.stderr.write(`nota: ${n}\n`);
  for (const i of report.issues.filter((x) => x.severidad === 'advertencia')) {
    process.stderr.write(`advertencia [${i.codigo}] ${ubicacion(i)}: ${i.mensaje}\n`);
  }
}

/** calcular as JSON or CSV: written while the file is read, kept only if the data is valid. */
async function calcularEnFlujo(file: string, o: CumplimientoOptions, formato: 'json' | 'csv'): Promise<void> {
  const cfg = configDe(o);
  const out = openAtomicOutput(o.salida ?? null, [file]);
  try {
    const salida = new SalidaCalcular(
      formato,
      {
        archivo: file,
        cfg,
        anio: o.anio ? Number(o.anio) : undefined,
        tabla: (o.tabla as TablaCalcular | undefined) ?? 'valores',
        csv: { separador: (o.separador as Delimiter | undefined) ?? ',', decimal: o.decimal ?? '.' },
      },
      (s) => out.write(s),
    );
    const { libro, report } = await leerYValidar(file, o, cfg, (ind, cs) => salida.add(ind, cs));
    refuseInvalid(report);
    warnOnStderr(report);
    salida.finish({ hojas: libro.hojas, layout: libro.layout, advertencias: report.issues.filter((i) => i.severidad === 'advertencia') });
    await out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}

/** calcular as the xlsx report: written while the file is read (in bounded memory), kept only if the data is valid. */
async function calcularXlsxEnFlujo(file: string, o: CumplimientoOptions): Promise<void> {
  const cfg = configDe(o);
  const out = openAtomicOutput(o.salida!, [file]);
  let salida: SalidaCalcularXlsx | undefined;
  try {
    salida = new SalidaCalcularXlsx({ archivo: file, cfg, anio: o.anio ? Number(o.anio) : undefined }, (b) => out.write(b));
    const s = salida;
    const { report } = await leerYValidar(file, o, cfg, (ind, cs) => s.add(ind, cs), () => s.espera());
    refuseInvalid(report);
    warnOnStderr(report);
    await s.finish();
    await out.commit();
  } catch (err) {
    salida?.abort();
    out.abort();
    throw err;
  }
}

export function registerIndicadores(program: Command): void {
  const ind = program
    .command('indicadores')
    .usage('<comando> [opciones] <archivo...>')
    .description('indicadores de desempeño (DIPRES): validar, calcular y resumir libros de indicadores')
    .addHelpText('after', '\nEjemplo:\n  pbr indicadores calcular indicadores.xlsx --formato json -o resultado.json');

  addCumplimientoOptions(addCommonOptions(ind.command('validar').usage('[opciones] <archivo...>').argument('<archivo...>', 'libros .xlsx o .csv (- para la entrada estándar)')))
    .description('revisa cada archivo y lista todos sus problemas (código, celda, valor, mensaje); sale con 1 si hay errores')
    .addHelpText('after', '\nEjemplos:\n  pbr indicadores validar indicadores.xlsx\n  pbr indicadores validar *.csv --formato json -o reporte.json')
    .action(async (files: string[], raw: unknown) => {
      const o = parseOptions(cumplimientoSchema, raw);
      const cfg = configDe(o);
      if (o.salida) assertNotAnInput(o.salida, files);
      await runValidar('indicadores validar', files, o, async (f) => (await leerYValidar(f, o, cfg)).report);
    });

  addCumplimientoOptions(addCommonOptions(ind.command('calcular').usage('[opciones] <archivo>').argument('<archivo>', 'libro .xlsx o .csv (- para la entrada estándar)'), { tabla: [...TABLAS_CALCULAR] }))
    .option('--anio <año>', 'año que se evalúa para el cumplimiento institucional (por omisión, el último con meta y efectivo)')
    .description('calcula el valor de cada indicador por año, su cumplimiento de la meta y el cumplimiento institucional ponderado de cada servicio')
    .addHelpText('after', '\nEjemplos:\n  pbr indicadores calcular indicadores.xlsx\n  pbr indicadores calcular datos.csv --umbral 90 --formato csv --tabla servicios --separador ";" --decimal ","')
    .action(async (file: string, raw: unknown) => {
      const o = parseOptions(cumplimientoSchema, raw);
      if (o.salida) assertNotAnInput(o.salida, [file]);
      const formato = resolveFormato(o);
      if (formato === 'json' || formato === 'csv') return calcularEnFlujo(file, o, formato);
      if (formato === 'xlsx') return calcularXlsxEnFlujo(file, o);
      const cfg = configDe(o);
      const { libro, report } = await cargarIndicadores(file, o, cfg);
      refuseInvalid(report);
      warnOnStderr(report);
      const advertencias = report.issues.filter((i) => i.severidad === 'advertencia');
      await emit(calcularResultado(libro, cfg, advertencias, o.anio ? Number(o.anio) : undefined), o);
    });

  addCommonOptions(ind.command('resumen').usage('[opciones] <archivo>').argument('<archivo>', 'libro .xlsx o .csv (- para la entrada estándar)'))
    .description('cuenta los indicadores por producto estratégico y ámbito de control, con totales y participación, por servicio')
    .addHelpText('after', '\nEjemplo:\n  pbr indicadores resumen antofagasta.xlsx')
    .action(async (file: string, raw: unknown) => {
      const o = parseOptions(commonSchema, raw);
      if (o.salida) assertNotAnInput(o.salida, [file]);
      // Only what the counts need is kept of each indicator.
      const indicadores: IndicadorResumido[] = [];
      const { libro, report } = await leerYValidar(file, o, { umbral: 95, sobrecumplimiento: 0 }, ({ servicio, producto, ambito, dimension }) =>
        indicadores.push({ servicio, producto, ambito, dimension }),
      );
      refuseInvalid(report);
      warnOnStderr(report);
      await emit(resumenResultado({ ...libro, indicadores }), o);
    });
}
