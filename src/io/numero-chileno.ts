/**
 * Numbers as Chilean spreadsheets write them: `1.234,5`, `95,3%`, `71 %`, `13,8`, `7.1 %`,
 * `1.234.567,89`, and the value-plus-fraction cells `71 % (152/214)*100`, `(2.300/6.434)`.
 */

/** Which character separates decimals; `null` when the text alone does not tell. */
export type DecimalMark = ',' | '.';

export interface NumeroParseado {
  value: number;
  /** Written with a `%` sign. */
  percent: boolean;
  /** Digits written after the decimal mark: the precision the number was written with. */
  decimals: number;
  /** A lone dot before exactly three digits (`1.234`): thousands or decimals, the text cannot say. */
  ambiguous: boolean;
  /** The decimal mark the text shows unambiguously, when it shows one. */
  mark: DecimalMark | null;
}

export interface ParseOptions {
  /** How to read an ambiguous `1.234`: `,` (dot is thousands, es-CL) or `.` (dot is decimal). */
  decimal?: DecimalMark;
}

const SPACES = /[\s\u00a0\u202f\u2009]+/g;

/**
 * The two shapes most cells have, settled in one pass over the characters without the general
 * path: up to 15 digits (`136`, exact), and `4.074` (1–3 digits, not starting with 0, a dot,
 * three digits), ambiguous. Anything else: `null`, for the general path to decide.
 */
function enteroOMiles(input: string, decimal: DecimalMark): NumeroParseado | null {
  const n = input.length;
  if (n === 0 || n > 15) return null;
  let v = 0;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) v = v * 10 + (c - 48);
    else if (c === 46 && dot < 0 && i > 0) dot = i;
    else return null;
  }
  if (dot < 0) return { value: v, percent: false, decimals: 0, ambiguous: false, mark: null };
  if (dot > 3 || n - dot !== 4 || input.charCodeAt(0) === 48) return null;
  // v / 1000 and Number('4.074') are both the double nearest 4074/1000.
  return { value: decimal === ',' ? v : v / 1000, percent: false, decimals: decimal === ',' ? 0 : 3, ambiguous: true, mark: null };
}

/** Parses one Chilean-written number; `null` when the text is not a number. */
export function parseNumeroChileno(input: string, opts: ParseOptions = {}): NumeroParseado | null {
  const rapido = enteroOMiles(input, opts.decimal ?? ',');
  if (rapido) return rapido;
  let s = input.replace(/\u2212/g, '-').trim();
  if (s === '') return null;
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1).trim();
  }
  // Spaces inside a number are thousands separators only between groups of three (`1 234 567`).
  if (/\s/.test(s)) {
    if (!/^\d{1,3}([\s\u00a0\u202f\u2009]\d{3})+([.,]\d+)?$/.test(s)) return null;
    s = s.replace(SPACES, '');
  }
  if (!/^(\d+([.,]\d+)*|[.,]\d+)$/.test(s)) return null;

  const dots = count(s, '.');
  const commas = count(s, ',');
  let decimalMark: DecimalMark | null = null;
  let ambiguous = false;
  let mark: DecimalMark | null = null;

  if (dots > 0 && commas > 0) {
    decimalMark = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const thousands = decimalMark === ',' ? '.' : ',';
    const [intPart, fracPart] = splitLast(s, decimalMark);
    if (count(fracPart, thousands) > 0 || !validGroups(intPart, thousands)) return null;
    mark = decimalMark;
  } else if (commas > 0) {
    if (commas > 1) {
      if (!validGroups(s, ',')) return null;
      decimalMark = '.'; // `1,234,567`: commas as thousands, English style
      mark = '.';
    } else {
      decimalMark = ',';
      mark = ',';
    }
  } else if (dots > 1) {
    if (!validGroups(s, '.')) return null;
    decimalMark = ','; // `1.234.567`: dots as thousands
    mark = ',';
  } else if (dots === 1) {
    const [intPart, fracPart] = splitLast(s, '.');
    if (fracPart.length === 3 && intPart.length >= 1 && intPart.length <= 3 && !/^0+$/.test(intPart)) {
      ambiguous = true;
      decimalMark = opts.decimal ?? ',';
    } else {
      decimalMark = '.';
      mark = '.';
    }
  }

  let normalized = s;
  let decimals = 0;
  if (decimalMark) {
    const thousands = decimalMark === ',' ? '.' : ',';
    normalized = normalized.split(thousands).join('');
    const idx = normalized.indexOf(decimalMark);
    if (idx >= 0) {
      decimals = normalized.length - idx - 1;
      normalized = normalized.replace(decimalMark, '.');
    }
  }
  if (normalized.startsWith('.')) normalized = `0${normalized}`;
  const value = Number(normalized);
  if (!Number.isFinite(value)) return null;
  return { value: sign * value, percent, decimals, ambiguous, mark };
}

/** A value written with its fraction: `71 % (152/214)*100`, `98,00% (66247 /67599)`, `(2.300/6.434)`. */
export interface FraccionParseada {
  stated: NumeroParseado | null;
  numerador: NumeroParseado;
  denominador: NumeroParseado;
  /** `*100` written after the fraction, when it is. */
  factor: number | null;
}

const FRACCION = /^(?<stated>[^()]*?)\s*\(\s*(?<num>[^()/]+?)\s*\/\s*(?<den>[^()/]+?)\s*\)\s*(?:[*x×]\s*(?<factor>\d+(?:[.,]\d+)?))?\s*$/u;

/** Parses a value-plus-fraction cell; `null` when the text is not one. */
export function parseFraccion(input: string, opts: ParseOptions = {}): FraccionParseada | null {
  const m = FRACCION.exec(input.replace(/\u2212/g, '-').trim());
  if (!m?.groups) return null;
  const numerador = parseNumeroChileno(m.groups.num, opts);
  const denominador = parseNumeroChileno(m.groups.den, opts);
  if (!numerador || !denominador) return null;
  const statedText = m.groups.stated.trim();
  const stated = statedText === '' ? null : parseNumeroChileno(statedText, opts);
  if (statedText !== '' && !stated) return null;
  const factor = m.groups.factor ? Number(m.groups.factor.replace(',', '.')) : null;
  return { stated, numerador, denominador, factor };
}

/**
 * The decimal mark a set of texts shows (a column, a file): the mark most of the
 * unambiguous numbers use, or `null` when none shows one.
 */
export function inferDecimalMark(texts: Iterable<string>): DecimalMark | null {
  let comma = 0;
  let dot = 0;
  for (const t of texts) {
    for (const part of numberParts(t)) {
      const p = parseNumeroChileno(part);
      if (!p) continue;
      if (p.mark === ',') comma++;
      else if (p.mark === '.') dot++;
    }
  }
  if (comma === 0 && dot === 0) return null;
  return comma >= dot ? ',' : '.';
}

function numberParts(text: string): string[] {
  const f = parseFraccion(text);
  if (!f) return [text];
  const parts = [text.slice(0, text.indexOf('(')), ...(/\(([^/]+)\/([^)]+)\)/.exec(text)?.slice(1) ?? [])];
  return parts.map((p) => p.trim()).filter(Boolean);
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function splitLast(s: string, ch: string): [string, string] {
  const i = s.lastIndexOf(ch);
  return [s.slice(0, i), s.slice(i + 1)];
}

/** `1.234.567` has valid thousands groups; `1.23.4` does not. */
function validGroups(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  return groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3);
}
