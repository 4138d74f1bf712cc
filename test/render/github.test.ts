import { describe, expect, it } from 'vitest';
import { columnNumber, renderGithub } from '../../src/render/github.js';
import { validacionResultado } from '../../src/render/validacion.js';
import { issue, reporte } from './fixtures.js';

const reports = [
  reporte({
    valido: false,
    issues: [
      issue({ mensaje: 'Declarado 81% (0,81), calculado 71,0%.\nRevise.' }),
      issue({ severidad: 'advertencia', codigo: 'meta-poco-exigente', celda: null, hoja: 'Indicadores', fila: 3, columna: null, mensaje: 'Meta 96%, estimado 100%.' }),
    ],
  }),
  reporte({ archivo: 'b, c.csv', tipo: 'autoevaluacion', hoja: 'b', valido: false, issues: [issue({ archivo: 'b, c.csv', celda: 'D2', hoja: 'b', fila: 2, columna: 'D', codigo: 'puntaje-sobre-maximo', mensaje: 'x' })] }),
];

describe('renderGithub', () => {
  it('one workflow command per issue, file/line/col/title escaped as GitHub expects', () => {
    const out = renderGithub(validacionResultado('validar', reports).validacion!).split('\n');
    expect(out[0]).toBe('::error file=a.xlsx,line=2,col=11,title=valor-inconsistente (Indicadores!K2)::Declarado 81%25 (0,81), calculado 71,0%25.%0ARevise.');
    expect(out[1]).toBe('::warning file=a.xlsx,line=3,title=meta-poco-exigente (fila 3)::Meta 96%25, estimado 100%25.');
    expect(out[2]).toBe('::error file=b%2C c.csv,line=2,col=4,title=puntaje-sobre-maximo (D2)::x');
    expect(out[3]).toBe('::notice title=pbr validar::2 archivo(s), 2 no válido(s), 2 error(es), 1 advertencia(s).');
  });

  it('--estricto annotates warnings as errors; --max-errores says what it left out', () => {
    const out = renderGithub(validacionResultado('validar', reports, { estricto: true, maxErrores: 2 }).validacion!).split('\n');
    expect(out).toHaveLength(5);
    expect(out[1].startsWith('::error file=a.xlsx,line=3,')).toBe(true);
    expect(out[2]).toBe('::warning title=pbr validar::Reporte limitado a 2 problema(s) por --max-errores: se omitieron 1.');
    expect(out[3]).toContain('2 no válido(s), 2 error(es), 1 advertencia(s) (--estricto');
  });

  it.each([['A', 1], ['K', 11], ['Z', 26], ['AA', 27], ['XFD', 16384], ['1', null]])('columnNumber(%s) = %s', (l, n) => {
    expect(columnNumber(l)).toBe(n);
  });
});
