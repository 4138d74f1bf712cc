import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { iniciarProgreso, lineaProgreso, progresoActivo, type Terminal } from '../../src/cli/progreso.js';
import { runValidar } from '../../src/cli/validar-comun.js';
import { lectura, type Lectura } from '../../src/io/progreso.js';

/** A stream that records what is written to it. */
function terminal(isTTY: boolean, columns?: number): Terminal & { out: string[]; text(): string } {
  const out: string[] = [];
  return {
    isTTY,
    columns,
    out,
    write(chunk: string | Uint8Array) {
      out.push(String(chunk));
      return true;
    },
    text: () => out.join(''),
  };
}

const estado = (e: Partial<Lectura> = {}): Lectura => ({ archivo: 'datos/indicadores.xlsx', hoja: 'Indicadores', filas: 0, n: 0, total: 0, ...e });
const BORRAR = '\r\x1b[2K';

describe('progresoActivo: a terminal, not CI, unless PBR_PROGRESO says', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { CI: 'true' }, false],
    [true, { CI: '1' }, false],
    [true, { CI: '' }, true],
    [true, { TERM: 'dumb' }, false],
    [true, { PBR_PROGRESO: '0' }, false],
    [false, { PBR_PROGRESO: '1' }, true],
    [false, { PBR_PROGRESO: '1', CI: 'true' }, true],
    [true, { PBR_PROGRESO: '' }, true],
  ])('isTTY %s, env %j → %s', (isTTY, env, expected) => {
    expect(progresoActivo(terminal(isTTY), env)).toBe(expected);
  });
});

describe('lineaProgreso', () => {
  it.each([
    [estado({ filas: 123_456 }), 'pbr: leyendo indicadores.xlsx, hoja Indicadores: 123.456 filas…'],
    [estado({ filas: 1 }), 'pbr: leyendo indicadores.xlsx, hoja Indicadores: 1 fila…'],
    [estado({ hoja: '', filas: 0 }), 'pbr: leyendo indicadores.xlsx…'],
    [estado({ archivo: 'envios/b.csv', hoja: '', filas: 2_500 }), 'pbr: leyendo b.csv: 2.500 filas…'],
    [estado({ archivo: '-', hoja: '', filas: 10 }), 'pbr: leyendo la entrada estándar: 10 filas…'],
    [estado({ n: 12, total: 500, hoja: '', filas: 0 }), 'pbr: archivo 12 de 500, leyendo indicadores.xlsx…'],
    [estado({ n: 1, total: 1, filas: 5 }), 'pbr: leyendo indicadores.xlsx, hoja Indicadores: 5 filas…'],
  ])('%j → %s', (e, linea) => {
    expect(lineaProgreso(e)).toBe(linea);
  });
});

describe('iniciarProgreso', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is a no-op on a pipe or in CI: no timer, nothing written, write untouched', () => {
    for (const [t, env] of [[terminal(false), {}], [terminal(true), { CI: 'true' }], [terminal(true), { PBR_PROGRESO: '0' }]] as const) {
      const write = t.write;
      const p = iniciarProgreso(t, env, { estado: estado({ filas: 10 }) });
      expect(vi.getTimerCount()).toBe(0);
      expect(t.write).toBe(write);
      vi.advanceTimersByTime(5_000);
      p.terminar();
      expect(t.out).toEqual([]);
    }
  });

  it('shows nothing before 1 s, then one line rewritten in place, erased at the end; the timer is cleared', () => {
    const t = terminal(true, 120);
    const e = estado();
    const p = iniciarProgreso(t, {}, { estado: e });
    expect(vi.getTimerCount()).toBe(1);
    e.filas = 5_000;
    vi.advanceTimersByTime(800);
    expect(t.out).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(t.out).toEqual([`${BORRAR}pbr: leyendo indicadores.xlsx, hoja Indicadores: 5.000 filas…`]);
    vi.advanceTimersByTime(400); // nothing changed: nothing redrawn
    expect(t.out).toHaveLength(1);
    e.filas = 123_456;
    vi.advanceTimersByTime(200);
    expect(t.out[1]).toBe(`${BORRAR}pbr: leyendo indicadores.xlsx, hoja Indicadores: 123.456 filas…`);
    p.terminar();
    expect(t.out.at(-1)).toBe(BORRAR);
    expect(vi.getTimerCount()).toBe(0);
    p.terminar(); // twice is harmless
    vi.advanceTimersByTime(5_000);
    expect(t.out).toHaveLength(3);
  });

  it.each([
    ['300', 200, 400],
    ['0', 0, 200],
    [' 2500 ', 2400, 2600],
    ['ya', 800, 1200], // not a number: the 1 s default
    ['-5', 800, 1200],
  ])('PBR_PROGRESO_DESDE=%j: nothing at %i ms, the line at %i ms', (desde, antes, despues) => {
    const t = terminal(true);
    const p = iniciarProgreso(t, { PBR_PROGRESO_DESDE: desde }, { estado: estado({ filas: 7 }) });
    vi.advanceTimersByTime(antes);
    expect(t.out).toEqual([]);
    vi.advanceTimersByTime(despues - antes);
    expect(t.out).toEqual([`${BORRAR}pbr: leyendo indicadores.xlsx, hoja Indicadores: 7 filas…`]);
    p.terminar();
  });

  it('a quick command writes nothing at all', () => {
    const t = terminal(true);
    const p = iniciarProgreso(t, {}, { estado: estado({ filas: 10 }) });
    vi.advanceTimersByTime(600);
    p.terminar();
    expect(t.out).toEqual([]);
  });

  it('says nothing before a reader has named a file', () => {
    const t = terminal(true);
    const p = iniciarProgreso(t, {}, { estado: estado({ archivo: '' }) });
    vi.advanceTimersByTime(3_000);
    p.terminar();
    expect(t.out).toEqual([]);
  });

  it('another write to the stream erases the line first; it comes back only at the start of a line', () => {
    const t = terminal(true);
    const e = estado({ filas: 1_000 });
    const p = iniciarProgreso(t, {}, { estado: e });
    vi.advanceTimersByTime(1_200);
    expect(t.text()).toBe(`${BORRAR}pbr: leyendo indicadores.xlsx, hoja Indicadores: 1.000 filas…`);
    t.write('pbr: el archivo no existe.\n');
    expect(t.out.slice(-2)).toEqual([BORRAR, 'pbr: el archivo no existe.\n']);
    vi.advanceTimersByTime(200);
    expect(t.out.at(-1)).toBe(`${BORRAR}pbr: leyendo indicadores.xlsx, hoja Indicadores: 1.000 filas…`);
    t.write('a half ');
    e.filas = 2_000;
    vi.advanceTimersByTime(1_000); // mid-line: not drawn over
    expect(t.out.at(-1)).toBe('a half ');
    t.write('line\n');
    vi.advanceTimersByTime(200);
    expect(t.out.at(-1)).toBe(`${BORRAR}pbr: leyendo indicadores.xlsx, hoja Indicadores: 2.000 filas…`);
    p.terminar();
    expect(t.out.at(-1)).toBe(BORRAR);
  });

  it('a write to the other terminal stream (stdout) erases the line on this one first', () => {
    const err = terminal(true);
    const out = terminal(true);
    const p = iniciarProgreso(err, {}, { estado: estado({ filas: 7 }), otra: out });
    vi.advanceTimersByTime(1_200);
    out.write('tabla\n');
    expect(err.out.at(-1)).toBe(BORRAR);
    expect(out.out).toEqual(['tabla\n']);
    p.terminar();
    out.write('después\n');
    err.write('después\n');
    expect(err.out.at(-1)).toBe('después\n');
    expect(err.out.filter((s) => s === BORRAR)).toHaveLength(1);
  });

  it('gives the streams their own write back', () => {
    const t = terminal(true);
    const write = t.write;
    const p = iniciarProgreso(t, {}, { estado: estado() });
    expect(t.write).not.toBe(write);
    p.terminar();
    expect(t.write).toBe(write);
  });

  it('a line wider than the terminal is cut, so \\r rewrites all of it', () => {
    const t = terminal(true, 30);
    const p = iniciarProgreso(t, {}, { estado: estado({ filas: 123_456 }) });
    vi.advanceTimersByTime(1_200);
    const linea = t.out[0].slice(BORRAR.length);
    expect(linea).toBe('pbr: leyendo indicadores.xls…');
    expect(linea.length).toBeLessThan(30);
    p.terminar();
  });
});

describe('runValidar says which file of how many it is on', () => {
  it('archivo n de N while each is validated; nothing once done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbr-progreso-'));
    const vistos: [number, number][] = [];
    try {
      await runValidar('validar', ['a.csv', 'b.csv', 'c.csv'], { salida: join(dir, 'r.json'), separador: undefined, codificacion: undefined }, async (archivo) => {
        vistos.push([lectura.n, lectura.total]);
        return { archivo, tipo: 'indicadores', hoja: null, valido: true, issues: [], notas: [] };
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(vistos).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect([lectura.n, lectura.total]).toEqual([0, 0]);
  });
});
