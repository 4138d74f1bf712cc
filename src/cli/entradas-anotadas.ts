import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import type { ReadOptions } from '../io/read-workbook.js';
import { readWorkbook } from '../io/read-workbook.js';
import type { EntradaAnotada } from '../render/xlsx-anotado.js';

/**
 * The validated files again, for the annotated copy: read through readWorkbook (so its guards
 * apply), plus the raw bytes of a single .xlsx, which is copied whole to keep its formats.
 * Standard input cannot be read twice: it is listed in "Problemas" only. Neither is a file
 * that cannot be read (one of several, whose report says `archivo-ilegible`): it has no copy,
 * and the reason goes to "Problemas" when its report does not already give it.
 */
export async function entradasAnotadas(archivos: string[], opts: ReadOptions): Promise<EntradaAnotada[]> {
  const out: EntradaAnotada[] = [];
  for (const archivo of archivos) {
    if (archivo === '-') {
      out.push({ archivo, sheets: [] });
      continue;
    }
    let wb;
    try {
      wb = await readWorkbook(archivo, opts);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      out.push({ archivo, sheets: [], ilegible: err.message.startsWith(`${archivo}: `) ? err.message.slice(archivo.length + 2) : err.message });
      continue;
    }
    if (wb.format === 'xlsx' && archivos.length === 1) out.push({ archivo, xlsx: await readFile(archivo) });
    else out.push({ archivo, sheets: wb.sheets });
  }
  return out;
}
