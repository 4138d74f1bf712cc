import { a1, type IssueCollector } from '../core/report.js';
import type { Cell, Row, Sheet } from '../io/cell.js';
import type { DecimalMark } from '../io/numero-chileno.js';
import { LectorCiclos } from './ciclos.js';
import { RegistroEntidades, type Entidad, type TipoEntidad } from './entidades.js';
import { clasificarEncabezado, esFilaResumen, textoDe } from './encabezados.js';
import type { Lectura } from './leer-resumen.js';
import type { Modelo } from './modelo.js';
import { Acumulador, type Acumulado } from './puntajes-elementos.js';

/** Columns of a detalle sheet, long (one row per entity, elemento and cycle) or wide (elementos down, GOREs across). */
export type ColumnasDetalle =
  | { forma: 'larga'; fila: number; gore: number; entidad: TipoEntidad; elemento: number; puntaje: number; ciclo?: number }
  | { forma: 'ancha'; fila: number; entidad: 'gore'; elemento: number };

/**
 * A long detalle table read one row at a time (what the streaming reader feeds): one row per
 * entity, elemento and cycle. An entity or cycle written once above its block (or merged)
 * applies down to the next one.
 */
export class DetalleLargo {
  private readonly acc: Acumulador;
  private readonly entidades: RegistroEntidades;
  private readonly ciclos = new LectorCiclos();
  private actual: Acumulado | null = null;
  private ultimoNombre: unknown = undefined;
  private ultimoCiclo = -2;
  private nombre = '';
  private entidad: Entidad | null = null;
  private cEntidad: Cell | undefined;

  constructor(
    private readonly sheet: string,
    private readonly h: Extract<ColumnasDetalle, { forma: 'larga' }>,
    modelo: Modelo,
    private readonly issues: IssueCollector,
    decimal: DecimalMark,
  ) {
    this.acc = new Acumulador(sheet, modelo, issues, decimal);
    this.entidades = new RegistroEntidades(h.entidad);
  }

  row(row: Row): void {
    const h = this.h;
    if (row.index <= h.fila) return;
    const cCod = row.cells[h.elemento];
    if (!cCod || cCod.value == null || cCod.value === '') return;
    const i = this.acc.elemento(cCod);
    if (i < 0 && textoDe(cCod) === '') return;
    const cGore = row.cells[h.gore];
    const raw = cGore?.value;
    if (raw !== this.ultimoNombre || raw == null) {
      const nombre = textoDe(cGore);
      if (nombre !== '' && nombre !== this.nombre) {
        this.nombre = nombre;
        this.cEntidad = cGore;
        this.entidad = this.entidades.entidad(nombre, cGore!, this.issues);
        this.actual = null;
      }
      this.ultimoNombre = nombre === '' ? undefined : raw;
      if (this.nombre === '') {
        this.issues.error('gore-faltante', `La fila tiene un elemento pero no dice a qué ${h.entidad === 'gore' ? 'GORE' : 'entidad'} corresponde.`, { sheet: this.sheet, row: row.index, col: h.gore + 1, address: a1(row.index, h.gore + 1) }, null);
        return;
      }
    }
    const ciclo = h.ciclo == null ? -1 : this.ciclos.leer(row.cells[h.ciclo], this.sheet, row.index, h.ciclo + 1);
    if (ciclo !== this.ultimoCiclo) {
      this.ultimoCiclo = ciclo;
      this.actual = null;
    }
    if (!this.entidad) return;
    if (i < 0) {
      this.acc.desconocido(cCod);
      return;
    }
    // A new entity or cycle is reported at its first row's name cell (or, when blank there, where the name was written).
    this.actual ??= this.acc.nuevo(this.entidad, ciclo, cGore && textoDe(cGore) !== '' ? cGore : this.cEntidad!, h.puntaje + 1);
    this.acc.anotar(this.actual, i, row.cells[h.puntaje], row.index);
  }

  finish(): Lectura {
    return this.acc.finish(this.ciclos);
  }
}

/**
 * Reads a detalle sheet held whole: each elemento score an integer 0–5, every elemento of the
 * model present once per GORE (and cycle); subcriterio and criterio scores follow the model's formula.
 */
export function leerDetalle(sheet: Sheet, h: ColumnasDetalle, modelo: Modelo, issues: IssueCollector, decimal: DecimalMark): Lectura {
  if (h.forma === 'larga') {
    const d = new DetalleLargo(sheet.name, h, modelo, issues, decimal);
    for (const row of sheet.rows) d.row(row);
    return d.finish();
  }
  const acc = new Acumulador(sheet.name, modelo, issues, decimal);
  const header = sheet.rows.find((r) => r.index === h.fila)!;
  const registro = new RegistroEntidades('gore');
  const vistos = new Map<string, Cell>();
  const columnas: { col: number; a: Acumulado }[] = [];
  header.cells.forEach((c, i) => {
    if (!c || i === h.elemento) return;
    const texto = textoDe(c);
    if (texto === '' || clasificarEncabezado(texto, modelo).tipo !== 'otra') return;
    const e = registro.entidad(texto, c, issues);
    if (!e) return;
    const antes = vistos.get(e.clave);
    if (antes) {
      issues.error('gore-duplicado', `El GORE ${e.nombre} aparece dos veces: también en ${antes.address}${antes.value !== c.value ? ` («${textoDe(antes)}»)` : ''}.`, c, texto);
      return;
    }
    vistos.set(e.clave, c);
    columnas.push({ col: i, a: acc.nuevo(e, -1, c, i + 1) });
  });
  for (const row of sheet.rows) {
    if (row.index <= h.fila) continue;
    const cCod = row.cells[h.elemento];
    const codigoTexto = textoDe(cCod);
    // Rows that are not elementos (section titles, subtotals `1.1`, `Total`) are not read.
    if (codigoTexto === '' || !/^\s*\d+\s*\.\s*\d+\s*\.?\s*[a-z]/i.test(codigoTexto) || esFilaResumen(codigoTexto)) continue;
    const i = acc.elemento(cCod!);
    if (i < 0) {
      for (let k = 0; k < columnas.length; k++) acc.desconocido(cCod!);
      continue;
    }
    for (const { col, a } of columnas) acc.anotar(a, i, row.cells[col], row.index);
  }
  return acc.finish(new LectorCiclos());
}
