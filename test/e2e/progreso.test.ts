import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pbr } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/pbr.js', import.meta.url));
const BORRAR = '\r\x1b[2K';
const LINEA = /pbr: leyendo progreso-grande\.csv: \d{1,3}(\.\d{3})* filas…/;
// 150 000 valid indicator rows: under a second to validate now, so progress is asked to show
// after 100 ms (PBR_PROGRESO_DESDE) rather than the 1 s a person gets.
const FILAS = 150_000;
const DESDE = '100';

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pbr-progreso-'));
  file = join(dir, 'progreso-grande.csv');
  const parts = ['Servicio;Producto Estratégico;Indicador;Dimensión/Ámbito;Sentido;Ponderación;2010;2011;Meta 2012\n'];
  for (let i = 0; i < FILAS; i++) parts.push(`Servicio ${Math.floor(i / 10) + 1};Producto;Indicador ${i + 1};Eficacia/Producto;Ascendente;10%;90%;91%;92%\n`);
  writeFileSync(file, parts.join(''));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** stderr and stdout (or a terminal's merged output) hold no trace of a progress line. */
const sinProgreso = (s: string) => {
  expect(s).not.toMatch(/leyendo/);
  expect(s).not.toContain('\x1b[2K');
};

describe('progress on stderr while a large file is read', () => {
  it('PBR_PROGRESO=1: a line with the file and the rows on stderr, erased at the end; stdout untouched', () => {
    const r = pbr(['indicadores', 'validar', file], { env: { PBR_PROGRESO: '1', PBR_PROGRESO_DESDE: DESDE } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(LINEA);
    // Each line rewrites the last; the last thing written erases it (validar's report is on stdout).
    expect(r.stderr.startsWith(BORRAR)).toBe(true);
    expect(r.stderr.endsWith(`…${BORRAR}`)).toBe(true);
    sinProgreso(r.stdout);
    expect(r.stdout).toContain('progreso-grande.csv: válido');
  });

  it('on a pipe (no terminal), nothing on stderr at all', () => {
    const r = pbr(['indicadores', 'validar', file], { env: { PBR_PROGRESO: '', CI: '', PBR_PROGRESO_DESDE: DESDE } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    sinProgreso(r.stdout);
  });

  const hayScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.runIf(hayScript)('under a real terminal (script), with CI unset: shown, then erased before the report', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TERM: 'xterm', PBR_PROGRESO_DESDE: DESDE };
    delete env.CI;
    delete env.PBR_PROGRESO;
    const cmd = `'${process.execPath}' '${BIN}' indicadores validar '${file}'`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(LINEA);
    expect(r.stdout).toContain(`${BORRAR}Validación: 1 archivo(s)`);
    expect(r.stdout.slice(r.stdout.indexOf('Validación'))).not.toMatch(/leyendo/);
  });
});
