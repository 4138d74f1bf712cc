/** Latin-1 letters without their accents (À → A), for deaccent. */
const LATIN1 = Array.from({ length: 0x40 }, (_, i) => String.fromCharCode(0xc0 + i).normalize('NFD').replace(/\p{M}/gu, ''));

/**
 * A copy of `s` that keeps nothing else alive. A text cut from a larger one (a cell of a CSV
 * piece, of a sheet's XML) holds its whole parent in V8: a name kept to the end of a 200 000-row
 * file would keep the 256 KiB piece it came from, and the pieces of every name kept, the whole
 * file. What outlives its row (map keys, names for later messages, issues) is kept as a copy.
 */
export function propio<T extends string | null>(s: T): T {
  return (s === null || s.length < 13 ? s : (' ' + s).slice(1)) as T;
}

/**
 * `f` of short texts remembered (up to 10 000, then forgotten at once): the same few words come
 * on every row (Eficacia, Descendente, a producto's name), and each is worked out once.
 */
function recordado(f: (text: string) => string, maxLength: number): (text: string) => string {
  const memo = new Map<string, string>();
  return (text) => {
    if (text.length > maxLength) return f(text);
    let r = memo.get(text);
    if (r === undefined) {
      const key = propio(text);
      r = f(text);
      r = r === text ? key : propio(r);
      if (memo.size >= 10_000) memo.clear();
      memo.set(key, r);
    }
    return r;
  };
}

/** Header key: no accents, no case, no spaces or line breaks, no punctuation but `/`. */
export const normalizeKey = recordado(
  (text) =>
    deaccent(text)
      .toLowerCase()
      .replace(/[^a-z0-9/]/g, ''),
  64,
);

/** Words of a text without accents or case, for matching names that may be spelled loosely. */
export const normalizeWords = recordado(normalizeWordsDe, 160);

function normalizeWordsDe(text: string): string {
  // One pass over a table for text in Latin-1 (all of Spanish), the same result as the
  // general rule below, which handles everything else.
  const n = text.length;
  if (n > WORDS_BUF.length) return normalizeWordsSlow(text);
  let len = 0;
  let pendingSpace = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return normalizeWordsSlow(text);
    const out = WORDS_TABLE[code];
    if (out === 0) pendingSpace = len > 0;
    else {
      if (pendingSpace) WORDS_BUF[len++] = 0x20;
      pendingSpace = false;
      WORDS_BUF[len++] = out;
    }
  }
  return String.fromCharCode.apply(null, WORDS_BUF.subarray(0, len) as unknown as number[]);
}

function normalizeWordsSlow(text: string): string {
  return deaccent(text)
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim();
}

/** What normalizeWordsSlow makes of each Latin-1 character alone: a letter or digit, or 0 (a separator). */
const WORDS_TABLE = Uint16Array.from({ length: 0x100 }, (_, c) => {
  const w = normalizeWordsSlow(String.fromCharCode(c));
  return w.length === 1 ? w.charCodeAt(0) : 0;
});
const WORDS_BUF = new Uint16Array(4096);

/** Collapses runs of whitespace (line breaks included) to one space. */
export function cleanText(text: string): string {
  // A servicio, producto or fórmula comes again on every row: the last few are remembered,
  // one per length (mod 64), short texts only (long ones are the names, each different).
  const corto = text.length <= 80;
  const slot = text.length & 63;
  if (corto && LIMPIOS_DE[slot] === text) return LIMPIOS[slot];
  // Most cells have single spaces only: then trimming is all there is to do.
  const r = MESSY_SPACE.test(text) ? text.replace(/[\s\u00a0]+/g, ' ').trim() : text.trim();
  if (corto) {
    LIMPIOS_DE[slot] = propio(text);
    LIMPIOS[slot] = r === text ? LIMPIOS_DE[slot] : propio(r);
  }
  return r;
}
const LIMPIOS_DE: (string | undefined)[] = new Array(64).fill(undefined);
const LIMPIOS: string[] = new Array(64).fill('');
const MESSY_SPACE = /[^\S ]| {2}/;

/**
 * A 53-bit fingerprint of a text (cyrb53, two 32-bit multiply-xor lanes), for sets of many long
 * keys: two different texts share one with probability about 2^-53. Not cryptographic: someone
 * who crafts two names to collide gets a false "duplicado" on their own file, nothing more.
 */
export function huella(text: string): number {
  empezar();
  alimentar(text);
  return valorHuella();
}

/** `huella(`${prefijo}\u0000${normalizeWords(texto)}`)`, without building either string (the duplicate check runs it per indicator). */
export function huellaNormalizada(prefijo: string, texto: string): number {
  // The prefix (a servicio) is the same row after row: the lanes after it are kept.
  if (prefijo === prefijoVisto) {
    h1 = h1Prefijo;
    h2 = h2Prefijo;
  } else {
    empezar();
    alimentar(prefijo);
    uno(0);
    prefijoVisto = propio(prefijo);
    h1Prefijo = h1;
    h2Prefijo = h2;
  }
  let started = false;
  let pendingSpace = false;
  for (let i = 0; i < texto.length; i++) {
    const code = texto.charCodeAt(i);
    if (code > 0xff) return huella(`${prefijo}\u0000${normalizeWords(texto)}`);
    const out = WORDS_TABLE[code];
    if (out === 0) pendingSpace = started;
    else {
      if (pendingSpace) uno(0x20);
      pendingSpace = false;
      started = true;
      uno(out);
    }
  }
  return valorHuella();
}

// cyrb53's two lanes, fed a character at a time (the fingerprint being computed: one at a time).
let h1 = 0;
let h2 = 0;
// huellaNormalizada's last prefix, and the lanes after it and its \u0000.
let prefijoVisto: string | null = null;
let h1Prefijo = 0;
let h2Prefijo = 0;
function empezar(): void {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
}
function uno(ch: number): void {
  h1 = Math.imul(h1 ^ ch, 2654435761);
  h2 = Math.imul(h2 ^ ch, 1597334677);
}
function alimentar(t: string): void {
  for (let i = 0; i < t.length; i++) uno(t.charCodeAt(i));
}
function valorHuella(): number {
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

/** Text without accents (á → a); plain ASCII, the common case, is returned as it is. */
function deaccent(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  // Latin-1 letters (all of Spanish) from a table; anything else through Unicode decomposition.
  if (/^[\x00-\xff]*$/.test(text)) return text.replace(/[\xc0-\xff]/g, (ch) => LATIN1[ch.charCodeAt(0) - 0xc0]);
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}
