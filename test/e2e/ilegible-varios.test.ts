import { describe, expect, it } from 'vitest';
import { pbr } from './run-cli.js';

// Among several files, one that cannot be read is an `archivo-ilegible` finding (exit 1) and the
// others are still reported in full; a single unreadable file ends the run (exit 2). Every
// `validar` behaves alike.
const ILEGIBLE = 'fixtures/indicadores/no-es-libro.xlsx';
const POR_COMANDO: [string[], string, string][] = [
  [['validar'], 'fixtures/indicadores/tabular-coquimbo-biobio.xlsx', 'fixtures/indicadores/valor-inconsistente.xlsx'],
  [['indicadores', 'validar'], 'fixtures/indicadores/tabular-coquimbo-biobio.xlsx', 'fixtures/indicadores/valor-inconsistente.xlsx'],
  [['autoevaluacion', 'validar'], 'fixtures/autoevaluacion/ciclo-2010.xlsx', 'fixtures/autoevaluacion/invalido-varios.csv'],
];

interface Reporte {
  archivo: string;
  valido: boolean;
  issues: { codigo: string; mensaje: string }[];
}

describe.each(POR_COMANDO)('pbr %s with an unreadable file among others', (cmd, a, b) => {
  it('reports archivo-ilegible for it and the other files fully, exit 1', () => {
    const r = pbr([...cmd, a, ILEGIBLE, b, '--formato', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const archivos = JSON.parse(r.stdout).archivos as Reporte[];
    expect(archivos.map((x) => x.archivo)).toEqual([a, ILEGIBLE, b]);
    expect(archivos[0].valido).toBe(true);
    expect(archivos[1].issues).toEqual([expect.objectContaining({ codigo: 'archivo-ilegible', mensaje: expect.stringMatching(/no es un libro \.xlsx/) })]);
    expect(archivos[2].valido).toBe(false);
    expect(archivos[2].issues.length).toBeGreaterThan(0);
  });

  it('alone, it cannot be validated: exit 2, one line on stderr', () => {
    const r = pbr([...cmd, ILEGIBLE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no-es-libro\.xlsx: .*no es un libro \.xlsx/);
  });
});
