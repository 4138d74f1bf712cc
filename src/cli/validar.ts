import type { Command } from 'commander';
import { cargarCiclo } from './autoevaluacion.js';
import { CONFIG_DIPRES } from '../indicadores/calcular.js';
import { IssueCollector, type ValidationReport } from '../core/report.js';
import type { Row, Sheet } from '../io/cell.js';
import { openRows, type RowSource } from '../io/stream-rows.js';
import { addCommonOptions, commonSchema, parseOptions, readOptions, type CommonOptions } from './common.js';
import { detectarTipo, FILAS_DETECCION, muestraDecide } from './detectar.js';
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
Advierte sobrecumplimiento sobre el 130 % (por omisión); para otro, o para desactivarlo con 0, pbr indicadores validar --sobrecumplimiento.
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
      // runValidar makes an unreadable file among several an archivo-ilegible finding.
      await runValidar('validar', files, o, (f) => validarDetectando(f, o));
    });
}

/**
 * Tells the file's domain from the first rows of its sheets, then validates it with that
 * domain's rules. The file is opened once: a small one is read whole and both steps use that
 * copy; a large one is streamed, a first time only as far as its headers.
 */
export async function validarDetectando(file: string, o: CommonOptions): Promise<ValidationReport> {
  // Standard input can be read once: it goes to the indicator reader, the commoner case.
  if (file === '-') return (await leerYValidar(file, o, CONFIG_DIPRES)).report;
  const source = await openRows(file, readOptions(o));
  const tipo = detectarTipo({ file, format: source.format, sheets: await muestra(source), notes: [] });
  const abierta = source.streamed ? undefined : source;
  if (tipo === 'indicadores') return (await leerYValidar(abierta ?? file, o, CONFIG_DIPRES)).report;
  if (tipo === 'autoevaluacion') return (await cargarCiclo(file, o, abierta)).report;
  const c = new IssueCollector(file);
  c.error('tipo-desconocido', 'No parece un libro de indicadores (columna Indicador o columnas de año) ni de autoevaluación (GORE y criterios o elementos).');
  return { archivo: file, tipo: 'desconocido', hoja: null, valido: false, issues: c.issues, notas: [] };
}

/**
 * The first rows of each sheet, what telling the domain needs. From a stream, sheets are
 * sampled until one is telling (the rest of a sheet must be read to reach the next).
 */
async function muestra(source: RowSource): Promise<Sheet[]> {
  const hojas: Sheet[] = [];
  for await (const s of source.sheets()) {
    const rows: Row[] = [];
    const it = s.rows[Symbol.asyncIterator]();
    while (rows.length < FILAS_DETECCION) {
      const r = await it.next();
      if (r.done) break;
      rows.push(r.value);
    }
    const hoja = { name: s.name, rows };
    hojas.push(hoja);
    if (!source.streamed) continue;
    if (muestraDecide(hoja)) {
      await it.return?.();
      break;
    }
    while (!(await it.next()).done); // past this sheet, to reach the next
  }
  return hojas;
}
