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
  constructor(private readonly write: (s: string) => void, comando: string) {
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

  /** One array item; `raw` items carry numbers already rounded (roundForOutput), the fast path. */
  item(value: unknown, raw = false): void {
    this.write(`${this.firstItem ? '' : ','}\n    ${raw ? JSON.stringify(value) : jsonValue(value)}`);
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
