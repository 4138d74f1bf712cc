import type { IssueCollector } from '../core/report.js';
import type { Cell, Sheet } from '../io/cell.js';
import type { DecimalMark } from '../io/numero-chileno.js';
import { clasificarEncabezado, formatPuntaje, numeroDeCelda, textoDe } from './encabezados.js';
import { MODELO_INTEGRADO, mismoPuntaje, sum, type Criterio, type Modelo } from './modelo.js';

/** Finds the header row of a model sheet: a code column and a máximo column. */
export function encabezadoModelo(sheet: Sheet): { fila: number; codigo: number; nombre?: number; maximo: number; nelementos?: number } | null {
  for (const row of sheet.rows.slice(0, 20)) {
    const cols: Record<string, number> = {};
    row.cells.forEach((c, i) => {
      const e = clasificarEncabezado(textoDe(c), MODELO_INTEGRADO, 'modelo');
      if (e.tipo !== 'otra' && cols[e.tipo] == null) cols[e.tipo] = i;
    });
    if (cols.codigo != null && cols.maximo != null) return { fila: row.index, codigo: cols.codigo, nombre: cols.nombre, maximo: cols.maximo, nelementos: cols.nelementos };
  }
  return null;
}

/**
 * Reads a workbook's own model (criterio/subcriterio, máximo, n° de elementos) and checks it:
 * subcriterio maxima add up to their criterio's, criterios to the total. `null` when it has errors.
 */
export function leerModelo(sheet: Sheet, issues: IssueCollector, decimal: DecimalMark, origen: string): Modelo | null {
  const h = encabezadoModelo(sheet);
  if (!h) return null;
  const before = issues.issues.length;
  const criterios: (Criterio & { celda?: Cell; celdaElementos?: Cell; elementosDeclarados?: number })[] = [];
  let total: { value: number; cell: Cell } | null = null;
  const vistos = new Map<string, Cell>();
  for (const row of sheet.rows.filter((r) => r.index > h.fila)) {
    const cCod = row.cells[h.codigo];
    const texto = textoDe(cCod);
    if (texto === '') continue;
    const m = /^(\d+)(?:\.(\d+))?\.?\s*(.*)$/.exec(texto);
    const cMax = row.cells[h.maximo];
    const max = numeroDeCelda(cMax, decimal);
    const at = cMax ?? { sheet: sheet.name, row: row.index, address: undefined };
    if (!m) {
      if (/^total/i.test(texto) && max?.ok) total = { value: max.value, cell: cMax! };
      continue;
    }
    const codigo = m[2] ? `${Number(m[1])}.${Number(m[2])}` : String(Number(m[1]));
    const nombre = (h.nombre != null ? textoDe(row.cells[h.nombre]) : '') || m[3] || nombreIntegrado(codigo);
    if (vistos.has(codigo)) {
      issues.error('modelo-codigo-duplicado', `El modelo repite el código ${codigo} (ya está en ${vistos.get(codigo)!.address}).`, cCod, texto);
      continue;
    }
    vistos.set(codigo, cCod!);
    if (!max?.ok || max.value <= 0) {
      issues.error('modelo-valor-invalido', `El máximo de ${codigo} debe ser un número mayor que 0.`, at, textoDe(cMax) || null);
      continue;
    }
    const cEl = h.nelementos != null ? row.cells[h.nelementos] : undefined;
    const el = numeroDeCelda(cEl, decimal);
    if (el && (!el.ok || !Number.isInteger(el.value) || el.value < 1)) {
      issues.error('modelo-valor-invalido', `El n° de elementos de ${codigo} debe ser un entero mayor que 0.`, cEl, textoDe(cEl));
      continue;
    }
    if (!m[2]) {
      criterios.push({ codigo, nombre, maximo: max.value, subcriterios: [], celda: cMax, celdaElementos: cEl, elementosDeclarados: el?.ok ? el.value : undefined });
    } else {
      let c = criterios.find((x) => x.codigo === String(Number(m[1])));
      if (!c) {
        // A subcriterio without its criterio row: the criterio is the sum of its subcriterios.
        c = { codigo: String(Number(m[1])), nombre: nombreIntegrado(String(Number(m[1]))), maximo: Number.NaN, subcriterios: [] };
        criterios.push(c);
      }
      c.subcriterios.push({ codigo, nombre, maximo: max.value, elementos: el?.ok ? el.value : 0 });
    }
  }
  for (const c of criterios) {
    const subMax = sum(c.subcriterios.map((s) => s.maximo));
    if (Number.isNaN(c.maximo)) c.maximo = subMax;
    else if (c.subcriterios.length && !mismoPuntaje(subMax, c.maximo)) {
      issues.error('modelo-maximo-inconsistente', `Los subcriterios del criterio ${c.codigo} suman ${formatPuntaje(subMax)} puntos, pero su máximo es ${formatPuntaje(c.maximo)}.`, c.celda, c.maximo);
    }
    const subEl = sum(c.subcriterios.map((s) => s.elementos));
    if (c.elementosDeclarados != null && c.subcriterios.length && subEl !== c.elementosDeclarados) {
      issues.error('modelo-elementos-inconsistente', `Los subcriterios del criterio ${c.codigo} tienen ${subEl} elementos, pero el criterio declara ${c.elementosDeclarados}.`, c.celdaElementos, c.elementosDeclarados);
    }
  }
  criterios.sort((a, b) => Number(a.codigo) - Number(b.codigo));
  const suma = sum(criterios.map((c) => c.maximo));
  if (criterios.length === 0) issues.error('modelo-vacio', 'La hoja del modelo no tiene criterios.', { sheet: sheet.name, row: h.fila });
  if (total && !mismoPuntaje(total.value, suma)) {
    issues.error('modelo-total-inconsistente', `Los criterios del modelo suman ${formatPuntaje(suma)} puntos, pero el total declarado es ${formatPuntaje(total.value)}.`, total.cell, total.value);
  }
  if (issues.issues.length > before) return null;
  return {
    nombre: 'Modelo del archivo',
    origen,
    maximo: total?.value ?? suma,
    criterios: criterios.map(({ codigo, nombre, maximo, subcriterios }) => ({ codigo, nombre, maximo, subcriterios })),
  };
}

function nombreIntegrado(codigo: string): string {
  for (const c of MODELO_INTEGRADO.criterios) {
    if (c.codigo === codigo) return c.nombre;
    const s = c.subcriterios.find((x) => x.codigo === codigo);
    if (s) return s.nombre;
  }
  return codigo.includes('.') ? `Subcriterio ${codigo}` : `Criterio ${codigo}`;
}
