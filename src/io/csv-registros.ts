import Papa from 'papaparse';
import { InputError } from '../core/errors.js';
import { a1 } from '../core/report.js';
import type { Cell, Row } from './cell.js';
import { formatCount, howToRaise, type Limits } from './limits.js';
import type { Delimiter } from './read-csv.js';

/** A line past `PBR_MAX_LINEA`, said the same by both CSV readers. */
export function lineaDemasiadoLarga(file: string, line: number, limits: Limits): InputError {
  return new InputError(`${file}, línea ${formatCount(line)}: la línea tiene más de ${formatCount(limits.maxLinea)} caracteres; el máximo es ${formatCount(limits.maxLinea)} ${howToRaise('maxLinea')}.`, file);
}

/** One CSV record and the line it starts on (a quoted line break inside it moves the next record down). */
export interface Registro {
  line: number;
  fields: string[];
}

/**
 * `\r` alone (old Mac exports) when the first line break outside quotes is one; else `\n`
 * (a `\r\n` leaves a `\r` that is dropped).
 */
export function lineBreakOf(text: string): '\n' | '\r' {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 10) return '\n';
    else if (!quoted && c === 13) return text.charCodeAt(i + 1) === 10 || i + 1 === text.length ? '\n' : '\r';
  }
  return '\n';
}

const BREAKS = /\r\n|\r|\n/g;

/**
 * CSV text to records, fed in pieces: papaparse's core parser (a split on the delimiter when a
 * piece has no quotes, an indexOf scan when it has) on whatever ends in a complete record,
 * with the rest kept for the next piece. RFC 4180 quoting; a quote inside an unquoted field is
 * text, as Excel writes it. Nothing is guessed: a closing quote followed by text, a quote that
 * never closes and a record longer than the line limit each end the read with the line named.
 */
export class LectorRegistros {
  private readonly parser: Papa.Parser;
  private rest = '';
  /** The line the next record starts on. */
  private line = 1;
  private started = false;

  constructor(
    private readonly file: string,
    delimiter: Delimiter,
    private readonly newline: '\n' | '\r',
    private readonly limits: Limits,
  ) {
    this.parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  }

  /** The records that end in `text` (with what was left of the previous piece). */
  push(text: string, out: Registro[]): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // No line break: no record can end here (a gigantic line is not split again and again).
    if (text.indexOf(this.newline) < 0) {
      this.rest += text;
      this.checkRest();
      return;
    }
    // Parsed up to the last line break: a piece that ends between a closing quote and its
    // `\r\n`, or inside a quoted field, is not read as a malformed quote.
    const input = this.rest + text;
    const cut = input.lastIndexOf(this.newline) + 1;
    const r = this.parser.parse(cut === input.length ? input : input.slice(0, cut), 0, true) as Papa.ParseResult<string[]>;
    this.take(r, out);
    this.rest = input.slice(r.meta.cursor);
    this.checkRest();
  }

  /** The last record, which may lack its line break. */
  end(out: Registro[]): void {
    if (this.rest === '') return;
    const r = this.parser.parse(this.rest, 0, false) as Papa.ParseResult<string[]>;
    this.rest = '';
    this.take(r, out);
  }

  private take(r: Papa.ParseResult<string[]>, out: Registro[]): void {
    const bad = r.errors.length > 0 ? r.errors[0].row ?? 0 : r.data.length;
    for (let k = 0; k < bad; k++) out.push(this.record(r.data[k]));
    if (bad < r.data.length || r.errors.length > 0) this.fail(r.errors[0]);
  }

  private record(fields: string[]): Registro {
    const n = fields.length;
    // `\r\n` line ends read with `\n`: the `\r` left on the last unquoted field is the line break's.
    if (this.newline === '\n' && n > 0) {
      const last = fields[n - 1];
      if (last.charCodeAt(last.length - 1) === 13) fields[n - 1] = last.slice(0, -1);
    }
    const line = this.line;
    let breaks = 0;
    let size = n;
    for (let i = 0; i < n; i++) {
      const f = fields[i];
      size += f.length;
      if (f.length > 0 && (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0)) breaks += f.match(BREAKS)!.length;
    }
    // A record that ended inside one piece is measured here (an open one, in checkRest).
    if (size > this.limits.maxLinea) this.demasiadoLargo(breaks > 0);
    this.line = line + breaks + 1;
    return { line, fields };
  }

  private fail(e: Papa.ParseError | undefined): never {
    const at = `${this.file}, línea ${formatCount(this.line)}`;
    if (e?.code === 'MissingQuotes') {
      throw new InputError(`${at}: un campo abre comillas y no las cierra antes del fin del archivo; cierre la comilla (o duplíquela, "", si es parte del texto).`, this.file);
    }
    throw new InputError(
      `${at}: una comilla de cierre va seguida de texto (como en "abc"x); encierre el campo completo entre comillas y duplique las comillas que son parte del texto ("").`,
      this.file,
    );
  }

  /** A record still open past the line limit: a gigantic line, or a quote that never closes. */
  private checkRest(): void {
    if (this.rest.length <= this.limits.maxLinea) return;
    this.demasiadoLargo(this.rest.indexOf(this.newline) >= 0);
  }

  private demasiadoLargo(multilinea: boolean): never {
    if (!multilinea) throw lineaDemasiadoLarga(this.file, this.line, this.limits);
    throw new InputError(`${this.file}, línea ${formatCount(this.line)}: un registro del CSV supera ${formatCount(this.limits.maxLinea)} caracteres (¿una comilla sin cerrar?) ${howToRaise('maxLinea')}.`, this.file);
  }
}

/** A CSV cell; its A1 address is built only when something asks for it (most are never named). */
class CsvCell implements Cell {
  readonly sheet = '';
  constructor(readonly row: number, readonly col: number, readonly value: string) {}
  get address(): string {
    return a1(this.row, this.col);
  }
}

/** One record as a row of cells (blank fields left out); `null` when every field is blank. */
export function filaCsv(file: string, line: number, fields: string[], limits: Limits): Row | null {
  if (fields.length > limits.maxColumnas) {
    throw new InputError(`${file}, línea ${formatCount(line)}: el registro tiene ${formatCount(fields.length)} campos; el máximo es ${formatCount(limits.maxColumnas)} ${howToRaise('maxColumnas')}.`, file);
  }
  const cells: (Cell | undefined)[] = [];
  for (let i = 0; i < fields.length; i++) {
    const raw = fields[i];
    if (raw.length > limits.maxCelda) {
      throw new InputError(`${file}: la celda ${a1(line, i + 1)} (línea ${formatCount(line)}, campo ${i + 1}) tiene ${formatCount(raw.length)} caracteres; el máximo es ${formatCount(limits.maxCelda)} (lo que Excel admite) ${howToRaise('maxCelda')}.`, file);
    }
    if (raw.length === 0 || raw.trim() === '') continue;
    cells[i] = new CsvCell(line, i + 1, raw);
  }
  return cells.length > 0 ? { index: line, cells } : null;
}
