import { readFileSync } from 'node:fs';
import { Argument, Command, Help, Option } from 'commander';
import { registerIndicadores } from './indicadores.js';
import { registerAutoevaluacion } from './autoevaluacion.js';
import { registerPlantilla } from './plantilla.js';
import { registerValidar } from './validar.js';

const TITLES: Record<string, string> = {
  'Usage:': 'Uso:',
  'Options:': 'Opciones:',
  'Commands:': 'Comandos:',
  'Arguments:': 'Argumentos:',
  'Global Options:': 'Opciones globales:',
};

/** commander's own words in a usage line or a command list: `[options]`, `[command]`. */
export function translateUsage(str: string): string {
  return str.replace(/\[options\]/g, '[opciones]').replace(/\[command\]/g, '[comando]');
}

/** commander's note after an option's or argument's description: `(choices: …, default: …)`. */
export function translateExtraInfo(full: string, description: string): string {
  const extra = full.slice(description.length);
  return (
    description +
    extra
      .replace(/([(,] ?)choices: /, '$1valores: ')
      .replace(/([(,] ?)default: /, '$1por omisión: ')
      .replace(/([(,] ?)preset: /, '$1sin valor: ')
      .replace(/([(,] ?)env: /, '$1variable de entorno: ')
  );
}

/** commander's own messages, in Spanish. */
export function translateCommanderMessage(str: string): string {
  return str
    .replace(/^error: unknown option '(.+?)'/m, "error: opción desconocida '$1'")
    .replace(/^error: unknown command '(.+?)'/m, "error: comando desconocido '$1'")
    .replace(/^error: missing required argument '(.+?)'/m, "error: falta el argumento obligatorio '$1'")
    .replace(/^error: option '(.+?)' argument missing/m, "error: la opción '$1' requiere un valor")
    .replace(/^error: option '(.+?)' argument '(.+?)' is invalid\. Allowed choices are (.+)\./m, "error: la opción '$1' no acepta '$2'; valores permitidos: $3.")
    .replace(/^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./m, (_m, cmd, exp, got) =>
      `error: demasiados argumentos${cmd ? ` para '${cmd}'` : ''}: se esperaban ${exp} y se recibieron ${got}.`)
    .replace(/\(Did you mean one of (.+)\?\)/, '(¿Quiso decir alguno de: $1?)')
    .replace(/\(Did you mean (.+)\?\)/, '(¿Quiso decir $1?)')
    .replace(/^error:/m, 'pbr: error:');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The whole command tree, in Spanish. */
export function buildProgram(): Command {
  const program = new Command('pbr');
  program
    .usage('[opciones] [comando]')
    .description('Presupuesto por Resultados: indicadores de desempeño de los servicios públicos y autoevaluación de los Gobiernos Regionales, exactos y verificables.')
    // Inherited by every subcommand: their usage lines and command lists are Spanish too.
    .configureHelp({
      styleTitle: (s: string) => TITLES[s] ?? s,
      commandUsage(this: Help, cmd: Command) {
        return translateUsage(Help.prototype.commandUsage.call(this, cmd));
      },
      subcommandTerm(this: Help, cmd: Command) {
        return translateUsage(Help.prototype.subcommandTerm.call(this, cmd));
      },
      optionDescription(this: Help, option: Option) {
        return translateExtraInfo(Help.prototype.optionDescription.call(this, option), option.description ?? '');
      },
      argumentDescription(this: Help, argument: Argument) {
        return translateExtraInfo(Help.prototype.argumentDescription.call(this, argument), argument.description ?? '');
      },
      sortSubcommands: false,
    } as Partial<Help>)
    .configureOutput({ outputError: (str, write) => write(translateCommanderMessage(str)) })
    .helpOption('-h, --help', 'muestra esta ayuda')
    .helpCommand('ayuda [comando]', 'muestra la ayuda de un comando')
    .version(version(), '-V, --version', 'muestra la versión de pbr')
    .option('--debug', 'muestra el detalle técnico de un error (traza)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText(
      'after',
      `
Ejemplos:
  pbr indicadores calcular indicadores.xlsx
  pbr indicadores validar indicadores.csv --formato json
  pbr autoevaluacion comparar ciclo2010.xlsx ciclo2013.xlsx

Códigos de salida: 0 válido/ok, 1 datos inválidos, 2 pbr no pudo ejecutarse (uso, archivo ilegible).`,
    );
  registerIndicadores(program);
  registerAutoevaluacion(program);
  registerPlantilla(program);
  registerValidar(program);
  return program;
}
