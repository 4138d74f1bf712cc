import { stringify } from 'csv-stringify/sync';
import { csvValue, type CsvRenderOptions } from './csv.js';
import type { Columna, Valor } from './model.js';

const BATCH = 2000;

/** A CSV table written as its rows are computed: the header, then rows in batches. */
export class CsvStreamWriter {
  private batch: string[][] = [];
  constructor(private readonly write: (s: string) => void, private readonly columnas: Columna[], private readonly opts: CsvRenderOptions) {
    this.flushRows([columnas.map((c) => c.titulo)]);
  }

  row(r: Record<string, Valor>): void {
    this.batch.push(this.columnas.map((c) => csvValue(r[c.clave] ?? null, this.opts)));
    if (this.batch.length >= BATCH) this.flush();
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    if (this.batch.length) this.flushRows(this.batch);
    this.batch = [];
  }

  private flushRows(rows: string[][]): void {
    this.write(stringify(rows, { delimiter: this.opts.separador, record_delimiter: '\r\n' }));
  }
}
