import { a1, columnLetter, type CellRef, type IssueCollector } from '../core/report.js';
import type { Cell, Row, Sheet } from '../io/cell.js';
import type { DecimalMark } from '../io/numero-chileno.js';
import { puntajesDesdeElementos, type GoreCiclo } from './calcular.js';
import { LectorCiclos } from './ciclos.js';
import { RegistroEntidades, type Entidad, type TipoEntidad } from './entidades.js';
import { clasificarEncabezado, esFilaResumen, numeroDeCelda, parseCodigoElemento, textoDe } from './encabezados.js';
import type { Lectura } from './leer-resumen.js';
import { codigosElementos, type Modelo } from './modelo.js';

/** Columns of a detalle sheet, long (one row per entity, elemento and cycle) or wide (elementos down, GOREs across). */
export type ColumnasDetalle =
  | { forma: 'larga'; fila: number; gore: number; entidad: TipoEntidad; elemento: number; puntaje: number; ciclo?: number }
  | { forma: 'ancha'; fila: number; entidad: 'gore'; elemento: number };

/** Element states besides a score 0–5. */
const SIN_LEER = 255;
const INVALIDO = 254;

/**
 * One entity in one cycle, kept compactly: a byte per elemento (its score, or not read, or
 * invalid) and the row it came from, so a repeated elemento names the earlier cell.
 */
interface Acumulado {
  entidad: Entidad;
  ciclo: number;
  /** Where the entity is named: missing elementos are reported there. */
  cell: Cell;
  /** The column its scores are in (1-based): fixed in the long layout, the entity's own in the wide one. */
  col: number;
  puntajes: Uint8Array;
  filas: Uint32Array;
  invalido: boolean;
}

/**
 * Element scores of a detalle table, one row at a time: each an integer 0–5, every elemento of
 * the model once per entity and cycle. Only the scores are kept (a byte each), never the rows.
 */
class Acumulador {
  private readonly indice = new Map<string, number>();
  private readonly codigos: string[];
  /** Raw code texts already seen → elemento index (-1: not an elemento of the model). */
  private readonly cache = new Map<unknown, number>();
  readonly porClave = new Map<string, Acumulado>();

  constructor(
    private readonly sheet: string,
    private readonly modelo: Modelo,
    private readonly issues: IssueCollector,
    private readonly decimal: DecimalMark,
  ) {
    this.codigos = modelo.criterios.flatMap((c) => c.subcriterios.flatMap(codigosElementos));
    this.codigos.forEach((k, i) => this.indice.set(k, i));
  }

  nuevo(entidad: Entidad, ciclo: number, cell: Cell, col: number): Acumulado {
    const key = `${ciclo}\u0001${entidad.clave}`;
    let acc = this.porClave.get(key);
    if (!acc) {
      const n = this.codigos.length;
      acc = { entidad, ciclo, cell, col, puntajes: new Uint8Array(n).fill(SIN_LEER), filas: new Uint32Array(n), invalido: false };
      this.porClave.set(key, acc);
    }
    return acc;
  }

  /** The elemento a code cell names; an unknown code is an error at the cell (`-1`). */
  elemento(cCod: Cell): number {
    const hit = this.cache.get(cCod.value);
    if (hit !== undefined) return hit;
    const texto = textoDe(cCod);
    const codigo = parseCodigoElemento(texto);
    const i = codigo ? (this.indice.get(codigo) ?? -1) : -1;
    if (this.cache.size < 10_000) this.cache.set(cCod.value, i);
    return i;
  }

  desconocido(cCod: Cell): void {
    const texto = textoDe(cCod);
    this.issues.error('elemento-desconocido', `«${texto}» no es un elemento del modelo (${this.modelo.origen === 'integrado' ? 'modelo integrado' : 'modelo del archivo'}: 1.1.a … ).`, cCod, texto);
  }

  anotar(acc: Acumulado, i: number, celda: Cell | undefined, row: number): void {
    const col = acc.col;
    const v = celda?.value;
    let n: number;
    // The common cases first: a number, or a one-digit text; anything else is parsed in full.
    if (typeof v === 'number' && !celda!.error && !celda!.percent && Number.isInteger(v) && v >= 0 && v <= 5) n = v;
    else if (typeof v === 'string' && v.length === 1 && v >= '0' && v <= '5') n = v.charCodeAt(0) - 48;
    else {
      const num = numeroDeCelda(celda, this.decimal);
      const donde: Partial<CellRef> = celda ?? { sheet: this.sheet, row, col, address: a1(row, col) };
      const codigo = this.codigos[i];
      if (num == null) {
        this.issues.error('elemento-faltante', `Falta el puntaje del elemento ${codigo} de ${acc.entidad.nombre}.`, donde, null);
      } else if (!num.ok || !Number.isInteger(num.value) || num.value < 0 || num.value > 5) {
        this.issues.error('puntaje-elemento-invalido', `El puntaje del elemento ${codigo} de ${acc.entidad.nombre} es «${textoDe(celda)}»: debe ser un entero de 0 a 5.`, donde, num.ok ? num.value : textoDe(celda));
      } else {
        n = num.value;
        this.guardar(acc, i, n, row);
        return;
      }
      acc.invalido = true;
      if (acc.puntajes[i] === SIN_LEER) acc.puntajes[i] = INVALIDO;
      return;
    }
    this.guardar(acc, i, n, row);
  }

  private guardar(acc: Acumulado, i: number, n: number, row: number): void {
    const antes = acc.puntajes[i];
    if (antes <= 5) {
      const donde = { sheet: this.sheet, row, col: acc.col, address: a1(row, acc.col) };
      this.issues.error('elemento-duplicado', `El elemento ${this.codigos[i]} de ${acc.entidad.nombre} aparece dos veces (también en ${columnLetter(acc.col)}${acc.filas[i]}).`, donde, n);
      acc.invalido = true;
      return;
    }
    acc.puntajes[i] = n;
    acc.filas[i] = row;
  }

  /** Missing elementos are errors; each complete entity is scored by the model's formula, per cycle. */
  finish(ciclos: LectorCiclos): Lectura {
    const porCiclo = new Map<number, GoreCiclo[]>();
    const subs = this.modelo.criterios.flatMap((c) => c.subcriterios);
    for (const acc of this.porClave.values()) {
      let k = 0;
      for (const sub of subs) {
        const faltan: string[] = [];
        for (let e = 0; e < sub.elementos; e++, k++) if (acc.puntajes[k] === SIN_LEER) faltan.push(this.codigos[k]);
        if (faltan.length === 0) continue;
        acc.invalido = true;
        const cuando = ciclos.etiquetas.length > 1 && acc.ciclo >= 0 ? ` en ${ciclos.etiqueta(acc.ciclo)}` : '';
        this.issues.error('elemento-faltante', `A ${acc.entidad.nombre}${cuando} le falta${faltan.length > 1 ? 'n' : ''} ${faltan.length > 1 ? 'los elementos' : 'el elemento'} ${faltan.join(', ')} del subcriterio ${sub.codigo}.`, acc.cell, faltan.join(', '));
      }
      if (!porCiclo.has(acc.ciclo)) porCiclo.set(acc.ciclo, []);
      if (acc.invalido) continue;
      const { subcriterios, criterios } = puntajesDesdeElementos(this.modelo, acc.puntajes);
      porCiclo.get(acc.ciclo)!.push({ entidad: acc.entidad, criterios, subcriterios, elementos: acc.puntajes });
    }
    ciclos.revisar(this.issues);
    return { ciclos: [...porCiclo.entries()].map(([i, gores]) => ({ etiqueta: ciclos.etiqueta(i), gores })) };
  }
}

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
