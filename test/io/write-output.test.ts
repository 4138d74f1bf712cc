import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openAtomicOutput } from '../../src/io/write-output.js';

describe('openAtomicOutput: text encoded into one buffer, written when full', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbr-salida-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const piece = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('ñandú – “Región” €', '😀'.repeat(3)),
    // Pieces around and above the 1 MiB buffer, in text (up to 3 bytes a unit) and in bytes.
    fc.integer({ min: 300_000, max: 400_000 }).map((n) => 'á'.repeat(n)),
    fc.integer({ min: 1_000_000, max: 1_200_000 }).map((n) => 'x'.repeat(n)),
    fc.uint8Array({ maxLength: 40 }),
    fc.integer({ min: 1_048_000, max: 1_049_000 }).map((n) => new Uint8Array(n).fill(7)),
  );

  it('the file holds exactly the pieces written, in order, whatever their sizes and characters', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (pieces) => {
        const target = join(dir, `salida-${k++}.txt`);
        const out = openAtomicOutput(target);
        for (const p of pieces) out.write(p);
        await out.commit();
        const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
        expect(readFileSync(target).equals(expected)).toBe(true);
        rmSync(target);
      }),
      { numRuns: 40 },
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('abort with writes still in flight: no target, no temporary file, and the descriptor closed when they end', async () => {
    const target = join(dir, 'abortada.json');
    const out = openAtomicOutput(target);
    for (let k = 0; k < 12; k++) out.write('x'.repeat(1 << 20));
    out.abort();
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('commit waits for every write: a 30 MiB report is whole when the promise resolves', async () => {
    const target = join(dir, 'grande.json');
    const out = openAtomicOutput(target);
    for (let k = 0; k < 30; k++) out.write(String.fromCharCode(97 + (k % 26)).repeat(1 << 20));
    await out.commit();
    const bytes = readFileSync(target);
    expect(bytes.length).toBe(30 << 20);
    for (let k = 0; k < 30; k++) expect(bytes[k << 20]).toBe(97 + (k % 26));
    rmSync(target);
  });

  it('write after abort or commit is refused (the descriptor may be another file by then)', async () => {
    const a = openAtomicOutput(join(dir, 'cerrada.json'));
    a.write('x');
    a.abort();
    expect(() => a.write('y')).toThrow(/después de commit\(\) o abort\(\)/);
    const b = openAtomicOutput(join(dir, 'cerrada2.json'));
    b.write('x');
    await b.commit();
    expect(() => b.write('y')).toThrow(/después de commit\(\) o abort\(\)/);
    rmSync(join(dir, 'cerrada2.json'));
  });
});
