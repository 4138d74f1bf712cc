import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/render/csv.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderTabla } from '../../src/render/tabla.js';
import { validacionResultado } from '../../src/render/validacion.js';
import { issue, reporte } from './fixtures.js';

const warnOnly = reporte({ issues: [issue({ severidad: 'advertencia', codigo: 'sobrecumplimiento' })] });
const errors = reporte({ archivo: 'b.xlsx', valido: false, issues: [1, 2, 3].map((k) => issue({ archivo: 'b.xlsx', celda: `Indicadores!K${k}`, fila: k })) });

describe('validacionResultado options', () => {
  it('without options a file with only warnings is valid', () => {
    const r = validacionResultado('validar', [warnOnly]);
    expect(r.json.valido).toBe(true);
    expect(r.json.truncado).toBeNull();
  });

  it('--estricto: warnings make the file invalid and the report says so', () => {
    const r = validacionResultado('validar', [warnOnly], { estricto: true });
    expect(r.json.valido).toBe(false);
    expect(r.validacion!.reportes[0].valido).toBe(false);
    expect(r.tablas[0].notas).toContain('--estricto: las advertencias hacen inválido el archivo.');
  });

  it('--max-errores caps the issues listed across files, keeps the true counts, and says it', () => {
    const r = validacionResultado('validar', [warnOnly, errors], { maxErrores: 2 });
    expect(r.tablas[0].filas).toHaveLength(2);
    expect(r.json.truncado).toEqual({ maximo: 2, omitidos: 2 });
    const archivos = r.json.archivos as { issues: unknown[]; errores: number; advertencias: number; valido: boolean }[];
    expect(archivos.map((a) => a.issues.length)).toEqual([1, 1]);
    expect(archivos[1]).toMatchObject({ errores: 3, valido: false });
    expect(r.json.errores).toBe(3);
    expect(r.tablas[0].titulo).toContain('3 error(es), 1 advertencia(s)');
    expect(r.tablas[0].notas).toContain('Reporte limitado a 2 problema(s) por --max-errores: se omitieron 2.');
  });

  it('a cap above the number of issues changes nothing', () => {
    const r = validacionResultado('validar', [errors], { maxErrores: 10 });
    expect(r.json.truncado).toBeNull();
    expect(r.tablas[0].filas).toHaveLength(3);
  });
});

describe('the Valor column: es-CL for people, raw for programs', () => {
  const valores = reporte({ issues: [141.66666666666669, 1078, 'n/a', null].map((valor) => issue({ valor, severidad: 'advertencia' })) });
  const r = validacionResultado('validar', [valores]);
  const celdas = (text: string, sep: string) =>
    text.split('\n').filter((l) => l.includes('No coincide')).map((l) => l.split(sep).map((c) => c.trim())[4]);

  it.each([
    ['tabla', () => celdas(renderTabla(r), '│')],
    ['markdown', () => celdas(renderMarkdown(r), '|')],
  ])('%s shows 141,67 · 1.078 · n/a · (empty)', (_f, valoresMostrados) => {
    expect(valoresMostrados()).toEqual(['141,67', '1.078', 'n/a', '']);
  });

  it('JSON keeps the raw numbers, CSV too', () => {
    const issues = (r.json.archivos as { issues: { valor: unknown }[] }[])[0].issues;
    expect(issues.map((i) => i.valor)).toEqual([141.66666666666669, 1078, 'n/a', null]);
    expect(renderCsv(r, { separador: ';', decimal: '.' }).split('\r\n')[1].split(';')[3]).toBe('141.666666667');
  });
});
