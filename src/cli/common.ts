import { Command, Option } from 'commander';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { parseDelimiterOption, parseEncodingOption, type Delimiter, type Encoding } from '../io/read-csv.js';
import type { ReadOptions } from '../io/read-workbook.js';
import { writeOutputAtomic } from '../io/write-output.js';
import { renderCsv } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import type { Resultado } from '../render/model.js';
import { renderTabla } from '../render/tabla.js';

export const FORMATOS = ['tabla', 'csv', 'json'] as const;
export type Formato = (typeof FORMATOS)[number];

/** Options every command that reads workbooks and writes a report takes. */
export const commonSchema = z.object({
  formato: z.enum(FORMATOS).optional(),
  salida: z.string().min(1).optional(),
  hoja: z.string().min(1).optional(),
  separador: z.string().optional().transform((v, ctx) => parseWith(v, parseDelimiterOption, ctx)),
  codificacion: z.string().optional().transform((v, ctx) => parseWith(v, parseEncodingOption, ctx)),
  decimal: z.enum([',', '.']).optional(),
  tabla: z.string().optional(),
});
export type CommonOptions = z.infer<typeof commonSchema>;

function parseWith<T>(v: string | undefined, fn: (s: string) => T, ctx: z.RefinementCtx): T | undefined {
  if (v === undefined) return undefined;
  try {
    return fn(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
}

/** Parses a command's options with its zod schema; a bad value is a UsageError in Spanish. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const name = first.path.length ? `--${String(first.path[0])}` : 'opciones';
  const msg = first.code === 'invalid_value' && 'values' in first
    ? `${name} debe ser uno de: ${(first.values as unknown[]).join(', ')}.`
    : first.message.startsWith('--') ? first.message : `${name}: valor no válido (${first.message}).`;
  throw new UsageError(msg);
}

/** Adds the input and output options shared by every command. */
export function addCommonOptions(cmd: Command, opts: { tabla?: string[] } = {}): Command {
  cmd
    .addOption(new Option('-f, --formato <formato>', 'formato de salida').choices([...FORMATOS]))
    .option('-o, --salida <archivo>', 'escribe el resultado en un archivo (nunca sobre una entrada)')
    .option('--hoja <nombre|n>', 'hoja del libro que se lee (nombre o número desde 1)')
    .option('--separador <sep>', "separador del CSV leído y escrito: ';' ',' o 'tab'")
    .option('--codificacion <cod>', 'codificación del CSV leído: utf-8 o windows-1252')
    .addOption(new Option('--decimal <marca>', "marca decimal: ',' (1.234 es mil doscientos) o '.'").choices([',', '.']));
  if (opts.tabla) cmd.addOption(new Option('--tabla <nombre>', 'tabla que se escribe en CSV').choices(opts.tabla));
  return cmd;
}

export function readOptions(o: CommonOptions): ReadOptions & { decimal?: ',' | '.'; hoja?: string } {
  return { encoding: o.codificacion as Encoding | undefined, delimiter: o.separador as Delimiter | undefined, decimal: o.decimal, hoja: o.hoja };
}

/** The format asked for, else the one the output file's extension names, else a table. */
export function resolveFormato(o: CommonOptions): Formato {
  if (o.formato) return o.formato;
  const ext = o.salida?.toLowerCase().split('.').pop();
  if (ext === 'json') return 'json';
  if (ext === 'csv') return 'csv';
  return 'tabla';
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return !!stream.isTTY && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

/** Renders a result in the format asked for, to stdout or atomically to `-o`. */
export async function emit(resultado: Resultado, o: CommonOptions): Promise<void> {
  const formato = resolveFormato(o);
  let text: string;
  if (formato === 'json') text = renderJson(resultado);
  else if (formato === 'csv') {
    text = renderCsv(resultado, { separador: (o.separador as Delimiter | undefined) ?? ',', decimal: o.decimal ?? '.' }, o.tabla);
  } else text = renderTabla(resultado, { color: !o.salida && useColor() });
  if (o.salida) await writeOutputAtomic(o.salida, text, resultado.archivos);
  else process.stdout.write(text);
}
