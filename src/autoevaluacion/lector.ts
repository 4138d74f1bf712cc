import { InputError } from '../core/errors.js';
import { IssueCollector, type ValidationReport } from '../core/report.js';
import { normalizeKey } from '../core/text.js';
import type { Row, Sheet } from '../io/cell.js';
import { inferDecimalMark, type DecimalMark } from '../io/numero-chileno.js';
import type { Ciclo } from './calcular.js';
import { detectar, type Disposicion } from './disposicion.js';
import { DetalleLargo, leerDetalle } from './leer-detalle.js';
import { encabezadoModelo, leerModelo } from './leer-modelo.js';
import { leerResumen, type Lectura } from './leer-resumen.js';
import { MODELO_INTEGRADO, modeloTieneElementos, type Modelo } from './modelo.js';

export interface LecturaOptions {
  /** Sheet to read: its name or its number from 1. */
  hoja?: string;
  decimal?: DecimalMark;
}

export interface LecturaCiclo {
  report: ValidationReport;
  /** The cycles read, in the order the file names them; `null` when the file is invalid. */
  ciclos: Ciclo[] | null;
  /** The file's cycle when it holds exactly one; `null` when invalid or when it holds several. */
  ciclo: Ciclo | null;
}

/** Rows of a sheet looked at before its role is decided: header, layout and decimal mark. */
export const MUESTRA_FILAS = 500;

type Modo = 'muestra' | 'entera' | 'larga' | 'ignorar';

interface Hoja {
  name: string;
  number: number;
  rows: Row[];
  modo: Modo;
}

/** The long detalle sheet being read as a stream, and the model it is read with. */
interface Larga {
  hoja: Hoja;
  disp: Disposicion;
  modelo: Modelo | null;
  hojaModelo: string | null;
  detalle: DetalleLargo | null;
}

/**
 * Reads a self-assessment workbook one row at a time. Model sheets, resumen tables and wide
 * detalle tables are small and kept whole; a long detalle table (one row per entity, elemento
 * and cycle) is scored as its rows go by, keeping a byte per elemento and nothing of the rows.
 * Its model must be known when it starts: when a model sheet comes after it, `finish` asks for
 * the file again with that sheet (`releer`).
 */
export class LectorAutoevaluacion {
  private hoja: Hoja | null = null;
  private number = 0;
  private readonly nombres: string[] = [];
  private readonly modelos: Sheet[] = [];
  private datos: Hoja | null = null;
  private larga: Larga | null = null;
  private decimal: DecimalMark | null;
  private matched = false;
  private readonly issues: IssueCollector;
  /** The model (final unless `releer`), and the one headers are told by before it is final. */
  private modelo: { hoja: Sheet | undefined; modelo: Modelo | null } | null = null;
  private borrador: { hoja: Sheet | undefined; modelo: Modelo } | null = null;

  constructor(
    private readonly archivo: string,
    private readonly format: 'xlsx' | 'csv',
    notas: string[],
    private readonly opts: LecturaOptions & { hojaModelo?: Sheet } = {},
  ) {
    this.issues = new IssueCollector(archivo);
    this.issues.notas.push(...notas);
    this.decimal = opts.decimal ?? null;
    if (opts.hojaModelo) this.modelos.push(opts.hojaModelo);
  }

  startSheet(name: string): void {
    this.number++;
    this.nombres.push(name);
    this.hoja = { name, number: this.number, rows: [], modo: 'muestra' };
  }

  row(row: Row): void {
    const h = this.hoja;
    if (!h) return;
    switch (h.modo) {
      case 'larga':
        this.larga!.detalle!.row(row);
        return;
      case 'muestra':
        h.rows.push(row);
        if (h.rows.length >= MUESTRA_FILAS) this.decidir(h);
        return;
      case 'entera':
        h.rows.push(row);
        return;
      default:
    }
  }

  endSheet(): void {
    if (this.hoja?.modo === 'muestra') this.decidir(this.hoja);
    this.hoja = null;
  }

  private esCandidata(h: Hoja): boolean {
    const o = this.opts.hoja;
    return !o || h.name === o || normalizeKey(h.name) === normalizeKey(o) || (/^\d+$/.test(o) && Number(o) === h.number);
  }

  /** What a sheet is, from its first rows: a model, the data table (read whole or as a stream), or nothing pbr reads. */
  private decidir(h: Hoja): void {
    const s: Sheet = { name: h.name, rows: h.rows };
    if (this.opts.hojaModelo) {
      // Read again with the model known: its sheet (names are unique in a workbook) was read the first time.
      if (h.name === this.opts.hojaModelo.name) {
        h.modo = 'ignorar';
        h.rows = [];
        return;
      }
    } else if (encabezadoModelo(s) && (normalizeKey(h.name).startsWith('modelo') || !detectar(s, MODELO_INTEGRADO))) {
      h.modo = 'entera';
      this.modelos.push(s);
      return;
    }
    const candidata = this.esCandidata(h);
    if (candidata) this.matched = true;
    const disp = candidata && !this.datos ? detectar(s, this.modeloParaDetectar()) : null;
    if (!disp) {
      h.modo = 'ignorar';
      h.rows = [];
      return;
    }
    this.datos = h;
    if (disp.layout === 'resumen' || disp.cols.forma === 'ancha') {
      h.modo = 'entera';
      return;
    }
    // A long detalle table: scored as it is read, with the model known so far.
    const { modelo, hoja } = this.modeloProvisional();
    const larga: Larga = { hoja: h, disp, modelo, hojaModelo: hoja?.name ?? null, detalle: null };
    this.larga = larga;
    h.modo = 'ignorar';
    if (modelo && modeloTieneElementos(modelo)) {
      larga.detalle = new DetalleLargo(h.name, disp.cols, modelo, this.issues, this.fijarDecimal());
      for (const r of h.rows) larga.detalle.row(r);
      h.modo = 'larga';
    }
    h.rows = [];
  }

  private elegirHojaModelo(): Sheet | undefined {
    return this.modelos.find((s) => normalizeKey(s.name).startsWith('modelo') && encabezadoModelo(s)) ?? this.modelos.find((s) => encabezadoModelo(s) && !detectar(s, MODELO_INTEGRADO)) ?? this.opts.hojaModelo;
  }

  /** The model a header is told by, before the model is final: its issues are not reported yet. */
  private modeloParaDetectar(): Modelo {
    const hoja = this.elegirHojaModelo();
    if (!this.borrador || this.borrador.hoja !== hoja) {
      const modelo = hoja ? leerModelo(hoja, new IssueCollector(this.archivo), this.fijarDecimal(), `${this.archivo}, hoja ${hoja.name}`) : null;
      this.borrador = { hoja, modelo: modelo ?? MODELO_INTEGRADO };
    }
    return this.borrador.modelo;
  }

  /** The model of the sheets seen so far (parsed once per sheet, its issues reported once). */
  private modeloProvisional(): { hoja: Sheet | undefined; modelo: Modelo | null } {
    const hoja = this.elegirHojaModelo();
    if (this.modelo && this.modelo.hoja === hoja) return this.modelo;
    if (!hoja) return (this.modelo = { hoja, modelo: MODELO_INTEGRADO });
    const modelo = leerModelo(hoja, this.issues, this.fijarDecimal(), `${this.archivo}, hoja ${hoja.name}`);
    if (modelo) this.issues.notas.push(`${this.archivo}: se usa el modelo de la hoja «${hoja.name}» (${modelo.criterios.length} criterios, ${modelo.maximo} puntos) en lugar del integrado.`);
    return (this.modelo = { hoja, modelo });
  }

  /** The decimal mark: asked for, else the one the numbers read so far use, else the comma. */
  private fijarDecimal(): DecimalMark {
    if (this.decimal) return this.decimal;
    const textos = function* (hojas: { rows: Row[] }[]) {
      for (const s of hojas) for (const r of s.rows) for (const c of r.cells) if (c && typeof c.value === 'string') yield c.value;
    };
    this.decimal = inferDecimalMark(textos([...this.modelos, ...(this.datos ? [this.datos] : []), ...(this.hoja ? [this.hoja] : [])])) ?? ',';
    return this.decimal;
  }

  /** The report and the cycles; or the model sheet to read the file again with. */
  finish(): LecturaCiclo | { releer: Sheet } {
    if (this.hoja) this.endSheet();
    if (this.opts.hoja && !this.matched) {
      const names = this.nombres.map((n) => `«${n}»`).join(', ');
      throw new InputError(`${this.archivo}: no tiene la hoja «${this.opts.hoja}»${this.format === 'xlsx' ? `; sus hojas son ${names}` : ' (un CSV tiene una sola hoja: --hoja 1)'}.`, this.archivo);
    }
    const hojaModelo = this.elegirHojaModelo();
    if (this.larga && this.larga.hojaModelo !== (hojaModelo?.name ?? null) && hojaModelo) return { releer: hojaModelo };
    const { modelo } = this.modeloProvisional();
    const issues = this.issues;
    const datos = this.datos;
    const disp = this.larga ? this.larga.disp : datos ? detectar({ name: datos.name, rows: datos.rows }, modelo ?? MODELO_INTEGRADO) : null;
    const hoja = datos?.name;
    const report = (ciclos: Ciclo[] | null): LecturaCiclo => {
      const valido = !issues.hasErrors;
      const leidos = valido ? ciclos : null;
      return {
        report: { archivo: this.archivo, tipo: 'autoevaluacion', hoja: hoja || null, valido, issues: issues.issues, notas: issues.notas },
        ciclos: leidos,
        ciclo: leidos && leidos.length === 1 ? leidos[0] : null,
      };
    };
    if (!datos || !disp) {
      const primera = this.opts.hoja ? this.nombres.find((n, i) => this.esCandidata({ name: n, number: i + 1, rows: [], modo: 'ignorar' })) : this.nombres.find((n) => !this.modelos.some((m) => m.name === n));
      issues.error(
        'formato-no-reconocido',
        `No se encontró una tabla de autoevaluación${this.opts.hoja ? ` en la hoja «${this.opts.hoja}»` : ''}: se espera una columna GORE o Región (o Municipio, Comuna, Servicio, Entidad) y una columna por criterio (resumen), o columnas GORE, Elemento y Puntaje, o elementos hacia abajo y GORE hacia el lado (detalle).`,
        primera !== undefined ? { sheet: primera } : null,
      );
      return report(null);
    }
    if (!modelo) return report(null);
    if (disp.layout === 'detalle' && !modeloTieneElementos(modelo)) {
      issues.error('modelo-sin-elementos', 'El libro trae puntajes por elemento, pero su modelo no dice cuántos elementos tiene cada subcriterio.', { sheet: hojaModelo?.name });
      return report(null);
    }
    const sheet: Sheet = { name: datos.name, rows: datos.rows };
    let lectura: Lectura;
    if (this.larga) lectura = this.larga.detalle!.finish();
    else if (disp.layout === 'resumen') lectura = leerResumen(sheet, disp.cols, modelo, issues, this.fijarDecimal());
    else lectura = leerDetalle(sheet, disp.cols, modelo, issues, this.fijarDecimal());
    const tipoEntidad = disp.cols.entidad;
    if (lectura.ciclos.every((c) => c.gores.length === 0) && !issues.hasErrors) {
      issues.error('sin-gores', `La tabla no tiene ningún ${tipoEntidad === 'gore' ? 'GORE' : 'registro'}.`, { sheet: datos.name, row: disp.cols.fila });
    }
    return report(
      lectura.ciclos.map((c) => ({ archivo: this.archivo, hoja: datos.name || null, etiqueta: c.etiqueta, layout: disp.layout, modelo, tipoEntidad, tituloEntidad: disp.titulo, gores: c.gores })),
    );
  }
}
