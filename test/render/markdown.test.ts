import { describe, expect, it } from 'vitest';
import { escapeCell, renderMarkdown } from '../../src/render/markdown.js';
import { resultadoEjemplo } from './fixtures.js';

describe('renderMarkdown', () => {
  const md = renderMarkdown(resultadoEjemplo());
  const lines = md.split('\n');

  it('a heading, a GFM header row and alignment row (numbers right-aligned)', () => {
    expect(lines[0]).toBe('### Valores | por indicador');
    expect(lines[2]).toBe('| Indicador | Numerador | Denominador | Factor | Valor | Cumplimiento | % logro | % mejora | Cumple |');
    expect(lines[3]).toBe('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  });

  it('es-CL numbers, percentages with a comma, booleans as sí/no', () => {
    expect(lines[4]).toBe('| Respuestas oportunas | 1.078 | 1.142 | 100 | 94,4 | 97,7% | 94,4% | 13,8% | sí |');
  });

  it('pipes in a cell are escaped so the table keeps its columns', () => {
    expect(lines[5].startsWith('| =HYPERLINK("http://x.example","clic") |')).toBe(true);
    expect(escapeCell('a|b\nc')).toBe('a\\|b<br>c');
    expect(lines[5].split(/(?<!\\)\|/).length).toBe(lines[2].split('|').length);
  });

  it('the totals row in bold, empty cells left empty; notes as a list', () => {
    expect(lines[6]).toBe('| **Total** | **1.078** | **1.142** |  |  | **75,0%** |  |  |  |');
    expect(md).toContain('\n- Una nota.\n');
  });
});
