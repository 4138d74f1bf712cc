import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compararCiclos } from '../../src/autoevaluacion/comparar.js';
import { leerCiclo } from '../../src/autoevaluacion/leer.js';
import { resultadoComparacion } from '../../src/autoevaluacion/tablas.js';
import { readWorkbook } from '../../src/io/read-workbook.js';
import { renderJson } from '../../src/render/json.js';
import { pbr } from './run-cli.js';

// Run after `npx tsc -p tsconfig.build.json` (npm test builds first).
const F = (name: string) => `fixtures/autoevaluacion/${name}`;
const C1 = F('ciclo-2010.xlsx');
const C2 = F('ciclo-2013.csv');

describe('pbr autoevaluacion comparar', () => {
  it('prints the seed comparison with its total row', () => {
    const r = pbr(['autoevaluacion', 'comparar', C1, C2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Comparación ciclo 1 (2010) y ciclo 2 (2013): 15 GORE');
    expect(r.stdout).toMatch(/│ Total\s+│\s+103 │\s+175,7 │\s+500 │\s+35% │\s+14,5% │/);
    expect(r.stdout).toMatch(/│ 1\. Liderazgo\s+│\s+8,5 │\s+14,8 │\s+45 │\s+33% │\s+13,8% │/);
    expect(r.stdout).toMatch(/│ Coquimbo\s+│\s+153 │\s+238 │\s+85 │\s+2 │\s+1 │\s+1 │/);
    expect(r.stdout).not.toContain('█'); // not a terminal: no bars unless asked
    expect(r.stderr).toContain('Windows-1252');
  });

  it('--barras draws a bar per criterio', () => {
    const r = pbr(['autoevaluacion', 'comparar', C1, C2, '--barras']);
    expect(r.code).toBe(0);
    const lideres = r.stdout.split('\n').find((l) => l.includes('1. Liderazgo'))!;
    expect(lideres).toMatch(/█+░+ */);
  });

  it('--formato json equals the in-process result', async () => {
    const r = pbr(['autoevaluacion', 'comparar', C1, C2, '--formato', 'json']);
    expect(r.code).toBe(0);
    const a = leerCiclo(await readWorkbook(C1)).ciclo!;
    const b = leerCiclo(await readWorkbook(C2)).ciclo!;
    const esperado = renderJson(resultadoComparacion(compararCiclos(a, b, ['2010', '2013']), [C1, C2], { barras: false, notas: [] }));
    expect(r.stdout).toBe(esperado);
    const doc = JSON.parse(r.stdout);
    expect(doc.total.promedioC1).toBe(103);
    expect(doc.total.promedioC2).toBeCloseTo(175.667, 3);
  });

  it('--etiquetas names the cycles; CSV has plain numbers', () => {
    const r = pbr(['autoevaluacion', 'comparar', C1, C2, '--etiquetas', 'Ciclo 1,Ciclo 2', '--formato', 'csv', '--tabla', 'gores']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('GORE,Total Ciclo 1,Total Ciclo 2,Diferencia,Rank. Ciclo 1,Rank. Ciclo 2,Cambio rank.,Observación');
    expect(lines).toContain('Coquimbo,153,238,85,2,1,1,');
  });

  it.each([['2010'], ['2010,2010'], [',2013']])('--etiquetas «%s» is a usage error (exit 2)', (v) => {
    const r = pbr(['autoevaluacion', 'comparar', C1, C2, '--etiquetas', v]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--etiquetas debe nombrar los dos ciclos');
    expect(r.stdout).toBe('');
  });

  it('an invalid cycle stops the comparison (exit 1, report on stderr)', () => {
    const r = pbr(['autoevaluacion', 'comparar', C1, F('invalido-total.csv')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('total-inconsistente');
    expect(r.stderr).toContain('invalido-total.csv');
    expect(r.stderr).toContain('línea 6, columna'); // the table wraps the long location
    expect(r.stderr).toContain('corríjalos antes de comparar');
  });

  it('files without a cycle column are C1 and C2; the same data improves 0 %', () => {
    const r = pbr(['autoevaluacion', 'comparar', F('detalle-2013.xlsx'), F('detalle-ancho.csv'), '--formato', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.etiquetas).toEqual({ c1: 'C1', c2: 'C2' });
    expect(doc.total.mejora).toBe(0);
    expect(doc.gores.map((g: { cambioRanking: number }) => g.cambioRanking)).toEqual([0, 0, 0]);
  });

  it('cycles scored on different models cannot be compared (exit 1)', () => {
    const r = pbr(['autoevaluacion', 'comparar', F('detalle-2013.xlsx'), F('modelo-propio.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('los ciclos usan modelos distintos (8 y 2 criterios)');
  });

  it('-o writes the file and nothing to stdout', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pbr-ae-')), 'cmp.json');
    const r = pbr(['autoevaluacion', 'comparar', C1, C2, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).goresComunes).toBe(15);
  });
});

describe('pbr autoevaluacion validar', () => {
  it.each(['ciclo-2010.xlsx', 'ciclo-2013.csv', 'detalle-2013.xlsx', 'detalle-ancho.csv', 'modelo-propio.xlsx'])('%s is valid (exit 0)', (name) => {
    const r = pbr(['autoevaluacion', 'validar', F(name)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 error(es)');
    expect(r.stdout).toContain(`${F(name)}: válido`);
  });

  it.each([
    ['invalido-sobre-maximo.xlsx', 'puntaje-sobre-maximo', 'Resumen!C8'],
    ['invalido-total.csv', 'total-inconsistente', 'L6'],
    ['invalido-region.xlsx', 'region-desconocida', 'Resumen!A12'],
    ['invalido-elemento-7.xlsx', 'puntaje-elemento-invalido', 'Detalle!D10'],
    ['invalido-modelo.xlsx', 'modelo-maximo-inconsistente', 'Modelo!C2'],
    ['invalido-varios.csv', 'gore-duplicado', 'A3'],
  ])('%s → exit 1, %s at %s', (name, codigo, celda) => {
    const r = pbr(['autoevaluacion', 'validar', F(name)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(codigo);
    expect(r.stdout).toContain(`${F(name)}: NO válido`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const j = pbr(['autoevaluacion', 'validar', F(name), '--formato', 'json']);
    expect(j.code).toBe(1);
    const issues = JSON.parse(j.stdout).archivos[0].issues as { codigo: string; celda: string }[];
    expect(issues.map((i) => [i.codigo, i.celda])).toContainEqual([codigo, celda]);
  });

  it('several files: one invalid makes exit 1; JSON lists each', () => {
    const r = pbr(['autoevaluacion', 'validar', C1, F('invalido-region.xlsx'), '--formato', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.archivos.map((a: { valido: boolean }) => a.valido)).toEqual([true, false]);
    expect(doc.archivos[1].issues[0]).toMatchObject({ codigo: 'region-desconocida', celda: 'Resumen!A12', fila: 12, columna: 'A' });
  });

  it('a missing file: exit 2, one Spanish line, no stack trace', () => {
    const r = pbr(['autoevaluacion', 'validar', F('no-existe.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`pbr: ${F('no-existe.xlsx')}: el archivo no existe.`);
  });
});

describe('pbr autoevaluacion calcular', () => {
  it('per GORE scores, rank and % logro; per criterio averages', () => {
    const r = pbr(['autoevaluacion', 'calcular', C2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Autoevaluación 2013: 15 GORE');
    expect(r.stdout).toMatch(/│ Total\s+│\s+500 │\s+175,7 │\s+35% │/);
    expect(r.stdout).toMatch(/│\s+1 │ Coquimbo\s+│/);
  });

  it('--detalle adds subcriterios from element scores', () => {
    const r = pbr(['autoevaluacion', 'calcular', F('detalle-2013.xlsx'), '--detalle', '--formato', 'csv', '--tabla', 'subcriterios']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('Subcriterio,Máximo,Coquimbo,Biobío,Los Lagos,Promedio,% logro');
    expect(lines).toHaveLength(31);
    // 1.1 of Coquimbo: 15 × (0+1+2+3+4+0+1+2+3) / 45
    expect(Number(lines[1].split(',')[2])).toBeCloseTo((15 * 16) / 45, 8);
  });

  it('--detalle on a resumen says it cannot', () => {
    const r = pbr(['autoevaluacion', 'calcular', C1, '--detalle', '--formato', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).notas[0]).toContain('--detalle no agrega subcriterios');
  });

  it('refuses invalid data: exit 1, report on stderr, nothing on stdout', () => {
    const r = pbr(['autoevaluacion', 'calcular', F('invalido-elemento-7.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('puntaje-elemento-invalido');
    expect(r.stderr).toContain('corríjalos antes de calcular');
  });
});

describe('help', () => {
  it('lists the three commands in Spanish, each with an example', () => {
    const r = pbr(['autoevaluacion', '--help']);
    expect(r.code).toBe(0);
    for (const c of ['validar', 'calcular', 'comparar']) expect(r.stdout).toContain(c);
    for (const c of ['validar', 'calcular', 'comparar']) {
      const h = pbr(['autoevaluacion', c, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain('Ejemplo');
      expect(h.stdout).toContain(`pbr autoevaluacion ${c} `);
    }
  });
});
