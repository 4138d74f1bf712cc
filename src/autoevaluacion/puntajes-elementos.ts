import { a1, columnLetter, type CellRef, type IssueCollector } from '../core/report.js';
import type { Cell } from '../io/cell.js';
import type { DecimalMark } from '../io/numero-chileno.js';
import { puntajesDesdeElementos, type GoreCiclo } from './calcular.js';
import type { LectorCiclos } from './ciclos.js';
import type { Entidad } from './entidades.js';
import { numeroDeCelda, parseCodigoElemento, textoDe } from './encabezados.js';
import type { Lectura } from './leer-resumen.js';
import { codigosElementos, type Modelo } from './modelo.js';

/** Element states besides a score 0–5. */
const SIN_LEER = 255;
const INVALIDO = 254;

/**
 * One entity in one cycle, kept compactly: a byte per elemento (its score, or not read, or
 * invalid) and the row it came from, so a repeated elemento names the earlier cell.
 */
export interface Acumulado {
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
export class Acumulador {
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
