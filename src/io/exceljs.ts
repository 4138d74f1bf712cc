import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded the first time a workbook is read or written: loading it costs ~0,4 s, which a
 * CSV run (or `--help`) should not pay. It is a CommonJS package, so it can be required on demand.
 */
export function excel(): typeof ExcelJSModule {
  if (!cargado) {
    cargado = createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;
    patchFormulaCopy(cargado);
  }
  return cargado;
}
let cargado: typeof ExcelJSModule | undefined;

/**
 * exceljs 4.4 drops a formula's cached result when it is falsy: a formula that evaluates to
 * 0 reads as empty, and the streaming reader loses it at parse time (exceljs#2943, open; the
 * fix proposed upstream in exceljs#3048 is applied here): every defined field is copied.
 */
function patchFormulaCopy(ExcelJS: typeof ExcelJSModule): void {
  const probe = new ExcelJS.Workbook().addWorksheet('x').getCell('A1');
  probe.value = { formula: '1', result: 1 } as ExcelJSModule.CellFormulaValue;
  const proto = Object.getPrototypeOf((probe as unknown as { _value: object })._value) as { _copyModel?: unknown };
  if (typeof proto._copyModel !== 'function') return;
  proto._copyModel = function copyModel(model: Record<string, unknown>) {
    const copy: Record<string, unknown> = {};
    for (const name of ['formula', 'result', 'ref', 'shareType', 'sharedFormula']) {
      if (model[name] !== undefined && model[name] !== null) copy[name] = model[name];
    }
    return copy;
  };
}
