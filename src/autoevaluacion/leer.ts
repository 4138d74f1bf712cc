import { InputError } from '../core/errors.js';
import { IssueCollector, type ValidationReport } from '../core/report.js';
import { normalizeKey } from '../core/text.js';
import { cellText, type Sheet, type Workbook } from '../io/cell.js';
import { inferDecimalMark, type DecimalMark } from '../io/numero-chileno.js';
import type { Ciclo } from './calcular.js';
import { clasificarEncabezado, parseCodigoElemento, textoDe } from './encabezados.js';
import { leerDetalle, type ColumnasDetalle } from './leer-detalle.js';
import { encabezadoModelo, leerModelo } from './leer-modelo.js';
import { leerResumen, type ColumnasResumen } from './leer-resumen.js';
import { MODELO_INTEGRADO, modeloTieneElementos, type Modelo } from './modelo.js';
import { reconcileRegion } from './regiones.js';

export interface LecturaOptions {
  /** Sheet to read: its name or its number from 1. */
  hoja?: string;
  decimal?: DecimalMark;
}

export interface LecturaCiclo {
  report: ValidationReport;
  /** The cycle read; `null` when the file is invalid (the report says why). */
  ciclo: Ciclo | null;
}

type Disposicion = { layout: 'resumen'; cols: ColumnasResumen } | { layout: 'detalle'; cols: ColumnasDetalle };

/**
 * Reads and validates one self-assessment workbook: finds its model sheet (if any) and its
 * data sheet (resumen or detalle), and returns the report with the cycle. Never throws on bad data.
 */
export function leerCiclo(wb: Workbook, opts: LecturaOptions = {}): LecturaCiclo {
  const issues = new IssueCollector(wb.file);
  issues.notas.push(...wb.notes);
  const decimal = opts.decimal ?? inferDecimalMark(allTexts(wb)) ?? ',';

  const hojaModelo = wb.sheets.find((s) => normalizeKey(s.name).startsWith('modelo') && encabezadoModelo(s)) ?? wb.sheets.find((s) => encabezadoModelo(s) && !detectar(s, MODELO_INTEGRADO));
  let modelo: Modelo | null = MODELO_INTEGRADO;
  if (hojaModelo) {
    modelo = leerModelo(hojaModelo, issues, decimal, `${wb.file}, hoja ${hojaModelo.name}`);
    if (modelo) issues.notas.push(`${wb.file}: se usa el modelo de la hoja «${hojaModelo.name}» (${modelo.criterios.length} criterios, ${modelo.maximo} puntos) en lugar del integrado.`);
  }
  const candidatas = opts.hoja ? [elegirHoja(wb, opts.hoja)] : wb.sheets.filter((s) => s !== hojaModelo);
  const m = modelo ?? MODELO_INTEGRADO;
  let hoja: Sheet | undefined;
  let disp: Disposicion | null = null;
  for (const s of candidatas) {
    disp = detectar(s, m);
    if (disp) {
      hoja = s;
      break;
    }
  }
  const report = (ciclo: Ciclo | null): LecturaCiclo => ({
    report: { archivo: wb.file, tipo: 'autoevaluacion', hoja: hoja?.name || null, valido: !issues.hasErrors, issues: issues.issues, notas: issues.notas },
    ciclo: issues.hasErrors ? null : ciclo,
  });
  if (!hoja || !disp) {
    issues.error(
      'formato-no-reconocido',
      `No se encontró una tabla de autoevaluación${opts.hoja ? ` en la hoja «${opts.hoja}»` : ''}: se espera una columna GORE o Región y una columna por criterio (resumen), o columnas GORE, Elemento y Puntaje, o elementos hacia abajo y GORE hacia el lado (detalle).`,
      candidatas[0] ? { sheet: candidatas[0].name } : null,
    );
    return report(null);
  }
  if (!modelo) return report(null);
  if (disp.layout === 'detalle' && !modeloTieneElementos(modelo)) {
    issues.error('modelo-sin-elementos', 'El libro trae puntajes por elemento, pero su modelo no dice cuántos elementos tiene cada subcriterio.', { sheet: hojaModelo?.name });
    return report(null);
  }
  const lectura = disp.layout === 'resumen' ? leerResumen(hoja, disp.cols, modelo, issues, decimal) : leerDetalle(hoja, disp.cols, modelo, issues, decimal);
  if (lectura.gores.length === 0 && !issues.hasErrors) issues.error('sin-gores', 'La tabla no tiene ningún GORE.', { sheet: hoja.name, row: disp.cols.fila });
  return report({ archivo: wb.file, hoja: hoja.name || null, etiqueta: lectura.etiqueta, layout: disp.layout, modelo, gores: lectura.gores });
}

/** Finds the header row (in the first 30 rows) and tells the layout from it. */
export function detectar(sheet: Sheet, modelo: Modelo): Disposicion | null {
  for (const row of sheet.rows.slice(0, 30)) {
    const cols: Partial<Record<string, number>> = {};
    const criterios: (number | undefined)[] = [];
    let regiones = 0;
    let anoEnTotal: string | undefined;
    row.cells.forEach((c, i) => {
      const texto = textoDe(c);
      if (!texto) return;
      const e = clasificarEncabezado(texto, modelo);
      if (e.tipo === 'criterio') criterios[e.indice] ??= i;
      else if (e.tipo === 'otra') {
        if (reconcileRegion(texto)) regiones++;
      } else if (cols[e.tipo] == null) {
        cols[e.tipo] = i;
        if (e.tipo === 'total') anoEnTotal = /(19|20)\d\d/.exec(texto)?.[0];
      }
    });
    if (cols.gore != null && cols.elemento != null && cols.puntaje != null) {
      return { layout: 'detalle', cols: { forma: 'larga', fila: row.index, gore: cols.gore, elemento: cols.elemento, puntaje: cols.puntaje, ciclo: cols.ciclo } };
    }
    if (cols.elemento != null && regiones > 0 && cols.gore == null) {
      return { layout: 'detalle', cols: { forma: 'ancha', fila: row.index, elemento: cols.elemento } };
    }
    if (cols.gore != null && criterios.filter((x) => x != null).length >= 1) {
      return { layout: 'resumen', cols: { fila: row.index, gore: cols.gore, criterios: modelo.criterios.map((_, i) => criterios[i]), total: cols.total, ciclo: cols.ciclo, anoEnTotal } };
    }
    // Elementos down and GOREs across, with the codes under an unnamed first column.
    if (regiones > 0 && cols.gore == null && row.cells[0] == null) {
      const next = sheet.rows.find((r) => r.index > row.index);
      if (next && parseCodigoElemento(textoDe(next.cells[0]))) return { layout: 'detalle', cols: { forma: 'ancha', fila: row.index, elemento: 0 } };
    }
  }
  return null;
}

function elegirHoja(wb: Workbook, hoja: string): Sheet {
  const byName = wb.sheets.find((s) => s.name === hoja) ?? wb.sheets.find((s) => normalizeKey(s.name) === normalizeKey(hoja));
  if (byName) return byName;
  if (/^\d+$/.test(hoja) && wb.sheets[Number(hoja) - 1]) return wb.sheets[Number(hoja) - 1];
  const names = wb.sheets.map((s) => `«${s.name}»`).join(', ');
  throw new InputError(`${wb.file}: no tiene la hoja «${hoja}»${wb.format === 'xlsx' ? `; sus hojas son ${names}` : ' (un CSV tiene una sola hoja: --hoja 1)'}.`, wb.file);
}

function* allTexts(wb: Workbook): Iterable<string> {
  for (const s of wb.sheets) for (const r of s.rows) for (const c of r.cells) if (c && typeof c.value === 'string') yield cellText(c);
}
