import type { IssueCollector } from '../core/report.js';
import type { Workbook } from '../io/cell.js';
import { LectorIndicadores, type LeerOpciones } from './lector.js';
import type { Indicador, LibroIndicadores } from './schema.js';

export type { LeerOpciones } from './lector.js';

/** Reads the indicators of a workbook held in memory (the same reader the streaming commands use). */
export function leerIndicadores(wb: Workbook, collector: IssueCollector, opts: LeerOpciones = {}): LibroIndicadores {
  const indicadores: Indicador[] = [];
  const lector = new LectorIndicadores(wb.file, wb.format, collector, opts, (i) => indicadores.push(i));
  for (const sheet of wb.sheets) {
    if (!lector.startSheet(sheet.name)) continue;
    for (const row of sheet.rows) lector.row(row);
    lector.endSheet();
  }
  return { ...lector.finish(), indicadores };
}
