/**
 * Keeps README.md true:
 * - its first code block holds the two commands that work on a fresh clone,
 *   `npm ci && npx pbr …` and `npm ci && npm test`, and the pbr one runs (exit 0, some output);
 * - every output block marked `<!-- salida: ARGS -->` (or `<!-- salida, código N: ARGS -->` for a
 *   command that must exit with N) is what `pbr ARGS` really prints: the block starts with
 *   `$ pbr ARGS`, then the command's stderr and stdout as a terminal shows them (pbr writes its
 *   notes and warnings before the result), with NO_COLOR=1, trailing spaces ignored. A line `…`
 *   in a block stands for any number of lines (an excerpt of a long output).
 * Commands run with the built CLI (`npm test` builds first) in a temporary folder whose
 * `fixtures/` is the repository's, so `-o archivo` never writes into the repository.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'pbr.js');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI, as run-cli.ts runs it, but asynchronous (blocks run two at a time) and in `cwd`. */
function pbrAsync(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', PBR_PROGRESO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Splits a command line as a POSIX shell would for plain words and "quoted" or 'quoted' ones. */
function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur: string | null = null;
  let quote: string | null = null;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur = (cur ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur ??= '';
    } else if (/\s/.test(ch)) {
      if (cur !== null) out.push(cur);
      cur = null;
    } else cur = (cur ?? '') + ch;
  }
  if (quote) throw new Error(`comillas sin cerrar en: ${line}`);
  if (cur !== null) out.push(cur);
  return out;
}

/** Lines without trailing spaces, and without trailing blank lines. */
function lines(text: string): string[] {
  const ls = text.replace(/\r\n/g, '\n').split('\n').map((l) => l.replace(/\s+$/, ''));
  while (ls.length > 0 && ls[ls.length - 1] === '') ls.pop();
  return ls;
}

const ELISION = '…';

/**
 * True when `actual` is `block`, where each `…` line of the block stands for any number of
 * lines: the pieces between them appear in order, the first at the start (unless the block
 * starts with `…`) and the last at the end (unless it ends with `…`).
 */
function matchesExcerpt(block: string[], actual: string[]): boolean {
  const pieces: string[][] = [[]];
  for (const l of block) {
    if (l === ELISION) pieces.push([]);
    else pieces[pieces.length - 1].push(l);
  }
  const at = (i: number, piece: string[]) => piece.every((l, k) => actual[i + k] === l);
  let pos = 0;
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p];
    const first = p === 0;
    const last = p === pieces.length - 1;
    if (first) {
      if (!at(0, piece)) return false;
      pos = piece.length;
      if (last) return pos === actual.length;
      continue;
    }
    if (last) {
      const start = actual.length - piece.length;
      return start >= pos && at(start, piece);
    }
    let found = -1;
    for (let i = pos; i + piece.length <= actual.length; i++) {
      if (at(i, piece)) {
        found = i;
        break;
      }
    }
    if (found < 0) return false;
    pos = found + piece.length;
  }
  return true;
}

interface Bloque {
  /** Line of the marker in README.md, for messages. */
  linea: number;
  args: string;
  codigo: number;
  contenido: string[];
}

/** The marked output blocks: `<!-- salida[, código N]: ARGS -->`, then a fenced block. */
function bloquesMarcados(md: string): Bloque[] {
  const re = /^<!-- salida(?:, código (\d+))?: (.+?) -->[ \t]*\n(?:[ \t]*\n)?```[\w-]*\n([\s\S]*?)\n```/gm;
  const out: Bloque[] = [];
  for (const m of md.matchAll(re)) {
    out.push({
      linea: md.slice(0, m.index).split('\n').length,
      codigo: m[1] ? Number(m[1]) : 0,
      args: m[2].trim(),
      contenido: lines(m[3]),
    });
  }
  return out;
}

describe('README.md: los dos primeros comandos', () => {
  const primerBloque = /```[\w-]*\n([\s\S]*?)\n```/.exec(README);
  const comandos = lines(primerBloque?.[1] ?? '').filter((l) => l.trim() !== '');

  it('el primer bloque de código son exactamente `npm ci && npx pbr …` y `npm ci && npm test`', () => {
    expect(comandos).toHaveLength(2);
    expect(comandos[0]).toMatch(/^npm ci && npx pbr \S.*$/);
    expect(comandos[1]).toBe('npm ci && npm test');
  });

  it('la parte pbr del primero funciona con el CLI compilado: salida 0 y un resultado', async () => {
    const args = splitArgs(comandos[0].replace(/^npm ci && npx pbr /, ''));
    for (const a of args.filter((x) => x.startsWith('fixtures/'))) expect(existsSync(join(ROOT, a)), a).toBe(true);
    const r = await pbrAsync(args, ROOT);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).not.toBe('');
  });
});

describe('README.md: las salidas marcadas son las reales', () => {
  const bloques = bloquesMarcados(README);
  const resultados = new Map<Bloque, Run>();
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pbr-readme-'));
    symlinkSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), 'dir');
    // Two at a time: each run is a whole Node process; the machines that run this have few cores.
    const cola = [...bloques];
    const trabajador = async () => {
      for (let b = cola.shift(); b; b = cola.shift()) resultados.set(b, await pbrAsync(splitArgs(b.args), dir));
    };
    await Promise.all([trabajador(), trabajador()]);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('hay bloques marcados para cada comando de pbr', () => {
    const comandos = [
      'indicadores validar',
      'indicadores calcular',
      'indicadores resumen',
      'autoevaluacion validar',
      'autoevaluacion calcular',
      'autoevaluacion comparar',
      'validar',
      'plantilla',
    ];
    for (const c of comandos) expect(bloques.some((b) => b.args.startsWith(`${c} `)), c).toBe(true);
    expect(bloques.length).toBeGreaterThanOrEqual(15);
  });

  // Registered while collecting, so each block is its own test named by its line.
  for (const b of bloques) {
    it(`README.md:${b.linea} — pbr ${b.args}`, () => {
      const r = resultados.get(b)!;
      const real = lines(`$ pbr ${b.args}\n${r.stderr}${r.stdout}`);
      expect(b.contenido[0], 'el bloque empieza con la línea del comando').toBe(`$ pbr ${b.args}`);
      expect(r.code, `código de salida de pbr ${b.args}\n${r.stderr}`).toBe(b.codigo);
      if (b.contenido.includes(ELISION)) {
        expect(matchesExcerpt(b.contenido, real), `el extracto no calza con la salida real:\n${real.join('\n')}`).toBe(true);
      } else {
        expect(b.contenido.join('\n')).toBe(real.join('\n'));
      }
    });
  }
});

describe('matchesExcerpt', () => {
  const real = ['a', 'b', 'c', 'd', 'e'];
  it('sin `…`, todo igual', () => {
    expect(matchesExcerpt(real, real)).toBe(true);
    expect(matchesExcerpt(['a', 'b'], real)).toBe(false);
  });
  it('con `…`, las partes en orden, ancladas al principio y al final', () => {
    expect(matchesExcerpt(['a', '…', 'e'], real)).toBe(true);
    expect(matchesExcerpt(['a', '…', 'c', '…', 'e'], real)).toBe(true);
    expect(matchesExcerpt(['a', 'b', '…'], real)).toBe(true);
    expect(matchesExcerpt(['a', '…', 'd'], real)).toBe(false);
    expect(matchesExcerpt(['b', '…', 'e'], real)).toBe(false);
    expect(matchesExcerpt(['a', '…', 'd', '…', 'c'], real)).toBe(false);
  });
});
