import { a1, type IssueCollector } from '../core/report.js';
import type { Cell, Sheet } from '../io/cell.js';
import type { DecimalMark } from '../io/numero-chileno.js';
import { puntajesDesdeElementos, type GoreCiclo } from './calcular.js';
import { clasificarEncabezado, esFilaResumen, numeroDeCelda, parseCodigoElemento, textoDe } from './encabezados.js';
import { lectorCiclo, regionDeCelda, type Lectura } from './leer-resumen.js';
import { codigosElementos, type Modelo } from './modelo.js';
import type { Region } from './regiones.js';

/** Columns of a detalle sheet, long (one row per GORE and elemento) or wide (elementos down, GOREs across). */
export type ColumnasDetalle =
  | { forma: 'larga'; fila: number; gore: number; elemento: number; puntaje: number; ciclo?: number }
  | { forma: 'ancha'; fila: number; elemento: number };

interface Acumulado {
  region: Region;
  cell: Cell;
  elementos: Map<string, number>;
  celdas: Map<string, Cell>;
  /** Codes that have a row, valid or not: a wrong score is not also a missing elemento. */
  leidos: Set<string>;
  /** An element score was invalid: the GORE is not scored. */
  invalido: boolean;
}

/**
 * Reads a detalle sheet: each elemento score an integer 0–5, every elemento of the model
 * present once per GORE; subcriterio and criterio scores follow the model's formula.
 */
export function leerDetalle(sheet: Sheet, h: ColumnasDetalle, modelo: Modelo, issues: IssueCollector, decimal: DecimalMark): Lectura {
  const conocidos = new Set(modelo.criterios.flatMap((c) => c.subcriterios.flatMap(codigosElementos)));
  const porGore = new Map<string, Acumulado>();
  const ciclos = lectorCiclo(issues);
  const filas = sheet.rows.filter((r) => r.index > h.fila);

  const anotar = (acc: Acumulado, codigoTexto: string, celdaCodigo: Cell, celdaPuntaje: Cell | undefined, at: { sheet: string; row: number; col: number; address: string }) => {
    const codigo = parseCodigoElemento(codigoTexto);
    if (!codigo || !conocidos.has(codigo)) {
      issues.error('elemento-desconocido', `«${codigoTexto}» no es un elemento del modelo (${modelo.origen === 'integrado' ? 'modelo integrado' : 'modelo del archivo'}: 1.1.a … ).`, celdaCodigo, codigoTexto);
      return;
    }
    acc.leidos.add(codigo);
    const n = numeroDeCelda(celdaPuntaje, decimal);
    const donde = celdaPuntaje ?? at;
    if (n == null) {
      issues.error('elemento-faltante', `Falta el puntaje del elemento ${codigo} de ${acc.region.nombre}.`, donde, null);
      acc.invalido = true;
      return;
    }
    if (!n.ok || !Number.isInteger(n.value) || n.value < 0 || n.value > 5) {
      issues.error('puntaje-elemento-invalido', `El puntaje del elemento ${codigo} de ${acc.region.nombre} es «${textoDe(celdaPuntaje)}»: debe ser un entero de 0 a 5.`, donde, n.ok ? n.value : textoDe(celdaPuntaje));
      acc.invalido = true;
      return;
    }
    const antes = acc.celdas.get(codigo);
    if (antes) {
      issues.error('elemento-duplicado', `El elemento ${codigo} de ${acc.region.nombre} aparece dos veces (también en ${antes.address}).`, donde, n.value);
      acc.invalido = true;
      return;
    }
    acc.elementos.set(codigo, n.value);
    acc.celdas.set(codigo, donde as Cell);
  };
  const nuevo = (region: Region, cell: Cell): Acumulado => ({ region, cell, elementos: new Map(), celdas: new Map(), leidos: new Set(), invalido: false });

  if (h.forma === 'larga') {
    let actual: Acumulado | null = null;
    let ultimoNombre = '';
    const desconocidas = new Set<string>();
    for (const row of filas) {
      const cCod = row.cells[h.elemento];
      const codigoTexto = textoDe(cCod);
      const cGore = row.cells[h.gore];
      let nombre = textoDe(cGore);
      if (codigoTexto === '') continue;
      // A GORE written once above its block of rows (or in a merged cell) applies down to the next one.
      if (nombre === '') nombre = ultimoNombre;
      if (nombre === '') {
        issues.error('gore-faltante', 'La fila tiene un elemento pero no dice a qué GORE corresponde.', { sheet: sheet.name, row: row.index, col: h.gore + 1, address: a1(row.index, h.gore + 1) }, null);
        continue;
      }
      if (h.ciclo != null) ciclos.leer(row.cells[h.ciclo]);
      if (nombre !== ultimoNombre || !actual) {
        ultimoNombre = nombre;
        const region = regionDeCelda(cGore!, nombre, null, desconocidas.has(nombre) ? silenciar(issues) : issues);
        if (!region) desconocidas.add(nombre);
        actual = region ? (porGore.get(region.numero) ?? nuevo(region, cGore!)) : null;
        if (actual) porGore.set(actual.region.numero, actual);
      }
      if (!actual) continue;
      anotar(actual, codigoTexto, cCod!, row.cells[h.puntaje], { sheet: sheet.name, row: row.index, col: h.puntaje + 1, address: a1(row.index, h.puntaje + 1) });
    }
  } else {
    const header = sheet.rows.find((r) => r.index === h.fila)!;
    const vistos = new Map<string, Cell>();
    const columnas: { col: number; acc: Acumulado }[] = [];
    header.cells.forEach((c, i) => {
      if (!c || i === h.elemento) return;
      const texto = textoDe(c);
      if (texto === '' || clasificarEncabezado(texto, modelo).tipo !== 'otra') return;
      const region = regionDeCelda(c, texto, vistos, issues);
      if (region) {
        const acc = nuevo(region, c);
        porGore.set(region.numero, acc);
        columnas.push({ col: i, acc });
      }
    });
    for (const row of filas) {
      const cCod = row.cells[h.elemento];
      const codigoTexto = textoDe(cCod);
      // Rows that are not elementos (section titles, subtotals `1.1`, `Total`) are not read.
      if (codigoTexto === '' || !/^\s*\d+\s*\.\s*\d+\s*\.?\s*[a-z]/i.test(codigoTexto) || esFilaResumen(codigoTexto)) continue;
      for (const { col, acc } of columnas) anotar(acc, codigoTexto, cCod!, row.cells[col], { sheet: sheet.name, row: row.index, col: col + 1, address: a1(row.index, col + 1) });
    }
  }

  const gores: GoreCiclo[] = [];
  for (const acc of porGore.values()) {
    for (const sub of modelo.criterios.flatMap((c) => c.subcriterios)) {
      const faltan = codigosElementos(sub).filter((k) => !acc.leidos.has(k));
      if (faltan.length === 0) continue;
      acc.invalido = true;
      issues.error('elemento-faltante', `A ${acc.region.nombre} le falta${faltan.length > 1 ? 'n' : ''} ${faltan.length > 1 ? 'los elementos' : 'el elemento'} ${faltan.join(', ')} del subcriterio ${sub.codigo}.`, acc.cell, faltan.join(', '));
    }
    if (acc.invalido) continue;
    const elementos = Object.fromEntries(acc.elementos);
    const { subcriterios, criterios } = puntajesDesdeElementos(modelo, elementos, codigosElementos);
    gores.push({ region: acc.region, criterios, subcriterios, elementos });
  }
  return { gores, etiqueta: ciclos.etiqueta() };
}

/** The same unknown GORE on every row of its block is reported once. */
function silenciar(issues: IssueCollector): IssueCollector {
  return { ...issues, error: () => undefined, warn: () => undefined, issues: [], notas: [] } as unknown as IssueCollector;
}
