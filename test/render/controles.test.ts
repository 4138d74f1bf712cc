import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import type { Resultado } from '../../src/render/model.js';
import { renderTabla, textoVisible } from '../../src/render/tabla.js';
import { pbr } from '../e2e/run-cli.js';

// Any C0 control but the line break, DEL, or C1 control (U+009B is the one-byte CSI).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('textoVisible', () => {
  it.each([
    ['ESC (a colour sequence)', 'S\u001b[31mROJO', 'S\ufffd[31mROJO'],
    ['BEL', 'a\u0007b', 'a\ufffdb'],
    ['NUL', 'a\u0000b', 'a\ufffdb'],
    ['CR (would overwrite the line)', 'tapado\rvisible', 'tapado\nvisible'],
    ['tab', 'a\tb', 'a b'],
    ['DEL', 'a\u007fb', 'a\ufffdb'],
    ['C1 CSI', '\u009b31mx', '\ufffd31mx'],
    ['C1 NEL', '\u0085', '\ufffd'],
    ['line break (kept)', 'dos\nlíneas', 'dos\nlíneas'],
    ['Spanish text and punctuation (kept)', 'Ñuble · 95,4% — O’Higgins', 'Ñuble · 95,4% — O’Higgins'],
  ])('%s', (_, entrada, visible) => {
    expect(textoVisible(entrada)).toBe(visible);
  });
});

function resultado(): Resultado {
  return {
    comando: 'indicadores calcular',
    archivos: ['x\u001b]0;titulo\u0007.csv'],
    json: {},
    tablas: [
      {
        nombre: 'valores',
        titulo: 'Valores — x\u001b]0;titulo\u0007.csv',
        columnas: [
          { clave: 'servicio', titulo: 'Servicio\u001b[2J', tipo: 'texto' },
          { clave: 'valor', titulo: 'Valor', tipo: 'numero', decimales: 1 },
        ],
        filas: [{ servicio: 'S\u001b[31mROJO\u009b0m', valor: 50 }],
        totales: [{ servicio: 'Total\r', valor: 50 }],
        notas: ['S\u001b[31mROJO: sin año con meta y efectivo.'],
      },
    ],
  };
}

describe('text cells, titles and notes reach the terminal without their control characters', () => {
  it.each([
    ['tabla', () => renderTabla(resultado())],
    ['tabla en color', () => renderTabla(resultado(), { color: true }).replace(/\u001b\[[0-9;]*m/g, '')],
    ['markdown', () => renderMarkdown(resultado())],
  ])('%s', (_, render) => {
    const out = render();
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('S\ufffd');
    expect(out).toMatch(/ROJO/);
  });

  const dir = mkdtempSync(join(tmpdir(), 'pbr-controles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([['tabla'], ['markdown']])('pbr indicadores calcular --formato %s on a Servicio with ESC[31m', (formato) => {
    const file = join(dir, 'ctl.csv');
    writeFileSync(file, 'Servicio;Indicador;Dimensión;Ámbito;Ponderación;Numerador 2010;Denominador 2010;2010\n"S\u001b[31mROJO";"Ind";Eficacia;Producto;100;1;2;50%\n');
    const r = pbr(['indicadores', 'calcular', file, '--formato', formato]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL);
    // Markdown escapes the `[`.
    expect(r.stdout).toMatch(/S\ufffd\\?\[31mROJO/);
  });
});
