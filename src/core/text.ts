/** Header key: no accents, no case, no spaces or line breaks, no punctuation but `/`. */
export function normalizeKey(text: string): string {
  return deaccent(text)
    .toLowerCase()
    .replace(/[^a-z0-9/]/g, '');
}

/** Words of a text without accents or case, for matching names that may be spelled loosely. */
export function normalizeWords(text: string): string {
  return deaccent(text)
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim();
}

/** Collapses runs of whitespace (line breaks included) to one space. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Text without accents (á → a); plain ASCII, the common case, is returned as it is. */
function deaccent(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
}
