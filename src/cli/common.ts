import { Command, Option } from 'commander';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { parseDelimiterOption, parseEncodingOption, type Delimiter, type Encoding } from '../io/read-csv.js';
import type { ReadOptions } from '../io/read-workbook.js';
import { writeOutputAtomic } from '../io/write-output.js';
import { renderCsv } from '../render/csv.js';
import { renderGithub } from '../render/github.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import type { Resultado } from '../render/model.js';
import { renderTabla } from '../render/tabla.js';
import { renderXlsx } from '../render/xlsx.js';
import { renderXlsxAnotado } from '../render/xlsx-anotado.js';
import { entradasAnotadas } from './entradas-anotadas.js';

export const FORMATOS = ['tabla', 'csv', 'json', 'markdown', 'xlsx', 'github'] as const;
export type Formato = (typeof FORMATOS)[number];
/** `github` annotates the files `validar` checked; the other commands have no issues to annotate. */
const SOLO_VALIDAR: readonly Formato[] = ['github'];

/** Options every command that reads workbooks and writes a report takes. */
export const commonSchema = z.object({
  formato: z.enum(FORMATOS).optional(),
  salida: z.string().min(1).optional(),
  hoja: z.string().min(1).optional(),
  separador: z.string().optional().transform((v, ctx) => parseWith(v, parseDelimiterOption, ctx)),
  codificacion: z.string().optional().transform((v, ctx) => parseWith(v, parseEncodingOption, ctx)),
  decimal: z.enum([',', '.']).optional(),
  tabla: z.string().optional(),
  /** `validar`: at most N issues in the report. */
  maxErrores: z.coerce
    .number({ message: '--max-errores debe ser un número entero positivo.' })
    .int('--max-errores debe ser un número entero positivo.')
    .positive('--max-errores debe ser un número entero positivo.')
    .optional(),
  /** `validar`: warnings make a file invalid (exit 1). */
  estricto: z.boolean().optional(),
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

/**
 * Parses a command's options with its zod schema; a bad value is a UsageError in Spanish. With
 * commonSchema or an extension of it, output options that cannot work together are refused
 * here too, so that every command says so before it reads any input.
 */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) {
    // `.extend()` keeps the field schemas themselves: the same `formato` is commonSchema's.
    if (schema instanceof z.ZodObject && schema.shape.formato === commonSchema.shape.formato) checkSalida(r.data as CommonOptions);
    return r.data;
  }
  const first = r.error.issues[0];
  const name = first.path.length ? `--${String(first.path[0])}` : 'opciones';
  const msg = first.code === 'invalid_value' && 'values' in first
    ? `${name} debe ser uno de: ${(first.values as unknown[]).join(', ')}.`
    : first.message.startsWith('--') ? first.message : `${name}: valor no válido (${first.message}).`;
  throw new UsageError(msg);
}

/**
 * Adds the input and output options shared by every command; a command named `validar` also
 * gets `--formato github`, `--max-errores` and `--estricto`.
 */
export function addCommonOptions(cmd: Command, opts: { tabla?: string[] } = {}): Command {
  const validar = cmd.name() === 'validar';
  const formatos = FORMATOS.filter((f) => validar || !SOLO_VALIDAR.includes(f));
  cmd
    .addOption(
      new Option('-f, --formato <formato>', 'formato de salida (xlsx solo con -o; por omisión, el de la extensión de -o)').choices(formatos),
    )
    .option('-o, --salida <archivo>', 'escribe el resultado en un archivo (nunca sobre una entrada)')
    .option('--hoja <nombre|n>', 'hoja del libro que se lee (nombre o número desde 1)')
    .option('--separador <sep>', "separador del CSV leído y escrito: ';' ',' o 'tab'")
    .option('--codificacion <cod>', 'codificación del CSV leído: utf-8 o windows-1252')
    .addOption(new Option('--decimal <marca>', "marca decimal: ',' (1.234 es mil doscientos) o '.'").choices([',', '.']));
  if (opts.tabla) cmd.addOption(new Option('--tabla <nombre>', 'tabla que se escribe en CSV').choices(opts.tabla));
  if (validar) {
    cmd
      .option('--max-errores <n>', 'muestra a lo más n problemas (el reporte dice cuántos omitió)')
      .option('--estricto', 'las advertencias también hacen inválido el archivo (salida 1)');
  }
  return cmd;
}

export function readOptions(o: CommonOptions): ReadOptions & { decimal?: ',' | '.'; hoja?: string } {
  return { encoding: o.codificacion as Encoding | undefined, delimiter: o.separador as Delimiter | undefined, decimal: o.decimal, hoja: o.hoja };
}

/** What the output options ask for must be possible: `--formato xlsx` needs `-o`. */
export function checkSalida(o: CommonOptions): void {
  if (resolveFormato(o) === 'xlsx' && !o.salida) throw new UsageError('--formato xlsx escribe un libro Excel, no texto: use -o archivo.xlsx.');
}

/** The format asked for, else the one the output file's extension names, else a table. */
export function resolveFormato(o: CommonOptions): Formato {
  if (o.formato) return o.formato;
  const ext = o.salida?.toLowerCase().split('.').pop();
  if (ext === 'json') return 'json';
  if (ext === 'csv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  return 'tabla';
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return !!stream.isTTY && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

/** Renders a result in the format asked for, to stdout or atomically to `-o`. */
export async function emit(resultado: Resultado, o: CommonOptions): Promise<void> {
  const formato = resolveFormato(o);
  let content: string | Uint8Array;
  if (formato === 'xlsx') {
    checkSalida(o);
    // validar writes the annotated copy of what it checked; every other command, its report.
    content = resultado.validacion
      ? await renderXlsxAnotado(resultado.validacion, await entradasAnotadas(resultado.archivos, readOptions(o)))
      : await renderXlsx(resultado);
  } else if (formato === 'github') {
    if (!resultado.validacion) throw new UsageError('--formato github solo sirve para validar.');
    content = renderGithub(resultado.validacion);
  } else if (formato === 'json') content = renderJson(resultado);
  else if (formato === 'markdown') content = renderMarkdown(resultado);
  else if (formato === 'csv') {
    content = renderCsv(resultado, { separador: (o.separador as Delimiter | undefined) ?? ',', decimal: o.decimal ?? '.' }, o.tabla);
  } else content = renderTabla(resultado, { color: !o.salida && useColor() });
  if (o.salida) await writeOutputAtomic(o.salida, content, resultado.archivos);
  else process.stdout.write(content);
}
