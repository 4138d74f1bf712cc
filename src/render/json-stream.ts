import { roundForOutput } from './csv.js';
import { JSON_VERSION } from './model.js';

const replacer = (_k: string, v: unknown) => (typeof v === 'number' ? (Number.isFinite(v) ? roundForOutput(v) : null) : v);

/** One value as compact JSON: numbers rounded for output, `null` never `NaN`. */
export function jsonValue(v: unknown): string {
  return JSON.stringify(v, replacer) ?? 'null';
}

/**
 * A JSON document written as it is computed: top-level fields one per line, and long arrays
 * one item per line, so a 200 000-indicator result is written without being held.
 * Starts with `version` and `comando`, like every pbr JSON document.
 */
export class JsonStreamWriter {
  private first = true;
  private inArray = false;
  private firstItem = true;
  constructor(private readonly write: (s: string | Uint8Array) => void, comando: string) {
    this.write('{');
    this.field('version', JSON_VERSION);
    this.field('comando', comando);
  }

  field(key: string, value: unknown): void {
    this.write(`${this.first ? '' : ','}\n  ${JSON.stringify(key)}: ${jsonValue(value)}`);
    this.first = false;
  }

  beginArray(key: string): void {
    this.write(`${this.first ? '' : ','}\n  ${JSON.stringify(key)}: [`);
    this.first = false;
    this.inArray = true;
    this.firstItem = true;
  }

  item(value: unknown): void {
    this.write(`${this.firstItem ? '' : ','}\n    ${jsonValue(value)}`);
    this.firstItem = false;
  }

  /** One array item already written as JSON, in UTF-8 bytes. */
  itemBytes(json: Uint8Array): void {
    this.write(this.firstItem ? '\n    ' : ',\n    ');
    this.write(json);
    this.firstItem = false;
  }

  endArray(): void {
    this.write(this.firstItem ? ']' : '\n  ]');
    this.inArray = false;
  }

  array(key: string, items: Iterable<unknown>): void {
    this.beginArray(key);
    for (const i of items) this.item(i);
    this.endArray();
  }

  end(): void {
    if (this.inArray) this.endArray();
    this.write('\n}\n');
  }
}
