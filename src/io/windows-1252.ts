/**
 * Windows-1252 decoding. Node 20's TextDecoder('windows-1252') decodes as Latin-1, so bytes
 * 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ) come out as control
 * characters (nodejs/node#60888, a regression since 20.18.3). Windows-1252 is Latin-1 but for
 * that block, so we decode as Latin-1 and map the block from the WHATWG index.
 */
const C1_BLOCK = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
].map((c) => String.fromCharCode(c));

const C1 = /[\x80-\x9f]/;
const C1_ALL = /[\x80-\x9f]/g;

/** A text read as Latin-1, with the 0x80–0x9F block turned into Windows-1252's characters. */
export function fixWindows1252(latin1: string): string {
  return C1.test(latin1) ? latin1.replace(C1_ALL, (ch) => C1_BLOCK[ch.charCodeAt(0) - 0x80]) : latin1;
}

/** Bytes in Windows-1252 as text. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return fixWindows1252(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}
