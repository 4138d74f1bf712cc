import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { parseDelimiterOption } from '../io/read-csv.js';
import { writeOutputAtomic } from '../io/write-output.js';
import { plantillaAutoevaluacion } from '../plantilla/autoevaluacion.js';
import { renderPlantillaCsv, renderPlantillaXlsx } from '../plantilla/escribir.js';
import { plantillaIndicadores } from '../plantilla/indicadores.js';
import { parseOptions } from './common.js';

const schema = z.object({
  salida: z.string().min(1).optional(),
  separador: z.string().optional(),
  anio: z.coerce.number({ message: '--anio debe ser un año, p. ej. 2026.' }).int().min(2000, '--anio debe ser un año entre 2000 y 2100.').max(2100, '--anio debe ser un año entre 2000 y 2100.').optional(),
  formato: z.enum(['xlsx', 'csv']).optional(),
});

/** `pbr plantilla indicadores|autoevaluacion`: an empty workbook, in the layout validar reads. */
export function registerPlantilla(program: Command): void {
  const cmd = program.command('plantilla').description('escribe una planilla vacía lista para llenar (indicadores o autoevaluación)');
  for (const tipo of ['indicadores', 'autoevaluacion'] as const) {
    cmd
      .command(tipo)
      .description(
        tipo === 'indicadores'
          ? 'plantilla de indicadores de desempeño: una fila por indicador, listas desplegables y una fila de ejemplo'
          : 'plantilla de autoevaluación GORE (resumen por criterio): lista de los 16 GORE y una fila de ejemplo',
      )
      .option('-o, --salida <archivo>', `archivo .xlsx o .csv que se escribe (por omisión plantilla-${tipo}.xlsx)`)
      .addOption(new Option('-f, --formato <formato>', 'xlsx o csv (por omisión, el de la extensión de -o)').choices(['xlsx', 'csv']))
      .option('--anio <año>', 'año de formulación: define las columnas de cada año (por omisión, el actual)')
      .option('--separador <sep>', "separador del CSV: ';' (por omisión), ',' o 'tab'")
      .action(async (raw: Record<string, unknown>) => {
        const o = parseOptions(schema, raw);
        const anio = o.anio ?? new Date().getFullYear();
        const plantilla = tipo === 'indicadores' ? plantillaIndicadores(anio) : plantillaAutoevaluacion(anio);
        const salida = o.salida ?? `plantilla-${tipo}.${o.formato ?? 'xlsx'}`;
        // The default name is never written over: a filled-in template may already have it.
        if (!o.salida && existsSync(salida)) throw new UsageError(`${salida} ya existe; indique otro archivo con -o.`);
        const formato = o.formato ?? (salida.toLowerCase().endsWith('.csv') ? 'csv' : salida.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null);
        if (!formato) throw new UsageError(`-o ${salida}: use un nombre terminado en .xlsx o .csv (o --formato).`);
        let sep: ';' | ',' | '\t' = ';';
        if (o.separador) {
          try {
            sep = parseDelimiterOption(o.separador);
          } catch (e) {
            throw new UsageError((e as Error).message);
          }
        }
        const content = formato === 'csv' ? renderPlantillaCsv(plantilla, sep) : await renderPlantillaXlsx(plantilla);
        await writeOutputAtomic(salida, content);
        process.stderr.write(`pbr: plantilla de ${tipo === 'indicadores' ? 'indicadores' : 'autoevaluación'} escrita en ${salida}.\n`);
      });
  }
}
