import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLUSH_AT = 1 << 20;

/**
 * Rows set aside until their turn, as one JSON array per line: in memory while they are few,
 * then in a temporary file that is removed when read back, on `dispose`, and when the process
 * exits (Ctrl-C included: openAtomicOutput's handler ends with process.exit). Values must be
 * JSON values (a non-finite number comes back as null).
 */
export class RowSpool {
  private pending: string[] = [];
  private size = 0;
  private path: string | null = null;
  private fd: number | null = null;
  private readonly onExit = () => this.dispose();
  count = 0;

  constructor(private readonly dir: string = tmpdir()) {}

  push(values: unknown[]): void {
    const line = `${JSON.stringify(values)}\n`;
    this.pending.push(line);
    this.size += line.length;
    this.count++;
    if (this.size >= FLUSH_AT) this.flush();
  }

  /** The rows in the order pushed; the spool is empty afterwards. */
  async *rows(): AsyncGenerator<unknown[]> {
    if (this.path == null) {
      const lines = this.pending;
      this.pending = [];
      this.size = 0;
      for (const l of lines) yield JSON.parse(l) as unknown[];
      return;
    }
    this.flush();
    closeSync(this.fd!);
    this.fd = null;
    try {
      let rest = '';
      const stream = createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 });
      for await (const chunk of stream as AsyncIterable<string>) {
        const text = rest + chunk;
        let start = 0;
        for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
          yield JSON.parse(text.slice(start, nl)) as unknown[];
          start = nl + 1;
        }
        rest = text.slice(start);
      }
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    this.pending = [];
    this.size = 0;
    if (this.fd != null) closeSync(this.fd);
    this.fd = null;
    if (this.path != null) rmSync(this.path, { force: true });
    this.path = null;
    process.removeListener('exit', this.onExit);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    if (this.fd == null) {
      this.path = join(this.dir, `.pbr-filas.${randomBytes(6).toString('hex')}.tmp`);
      this.fd = openSync(this.path, 'w', 0o600);
      process.on('exit', this.onExit);
    }
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }
}
