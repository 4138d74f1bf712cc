import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/pbr.js', import.meta.url));

/** Runs the CLI with a stdout whose reader has already gone, as `pbr … | head -0` does. */
function pbrTuberiaCerrada(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const F = (name: string) => `fixtures/indicadores/${name}`;

describe('a closed pipe on stdout ends the output quietly, with the exit code of the command', () => {
  it.each([
    [['--help'], 0],
    [['ayuda', 'indicadores'], 0],
    [['indicadores', 'calcular', F('tabular-coquimbo-biobio.xlsx')], 0],
    [['indicadores', 'calcular', F('tabular-coquimbo-biobio.xlsx'), '--formato', 'json'], 0],
    [['indicadores', 'calcular', F('tabular-coquimbo-biobio.xlsx'), '--formato', 'csv'], 0],
    [['indicadores', 'validar', F('valor-inconsistente.xlsx')], 1],
  ] as [string[], number][])('pbr %j → exit %i, no trace', async (args, code) => {
    const r = await pbrTuberiaCerrada(args);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at |error interno|no se pudo escribir/);
    expect(r.code).toBe(code);
  });
});
