import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/io/limits.js';
import { MAX_PROFUNDIDAD_XML, ProfundidadXml, xmlDemasiadoProfundo } from '../../src/io/profundidad-xml.js';

const medir = (...chunks: string[]) => {
  const p = new ProfundidadXml();
  for (const c of chunks) p.feed(Buffer.from(c));
  return p.maxima;
};

describe('ProfundidadXml: how deep the elements of an XML nest', () => {
  it.each([
    ['<?xml version="1.0"?><a/>', 1, 'a self-closing element'],
    ['<a><b><c>x</c></b><b/></a>', 3, 'nested, then a sibling'],
    ['<a x="1>2" y=\'/>\'><b/></a>', 2, '> and /> inside attribute values'],
    ['<a><b x="1" /></a>', 2, 'self-closing with a space before />'],
    ['<!-- comentario --><a></a>', 1, 'a comment'],
    ['<r>'.repeat(300) + '</r>'.repeat(300), 300, '300 nested runs'],
  ])('%j → %i (%s)', (xml, depth) => {
    expect(medir(xml)).toBe(depth);
  });

  it('a tag cut between two chunks is counted once', () => {
    expect(medir('<a><b x="1', '>2"/></a', '>')).toBe(2);
  });
});

describe('xmlDemasiadoProfundo', () => {
  it('names the part of the hostile fixture nested too deep', async () => {
    const r = await xmlDemasiadoProfundo(readFileSync('fixtures/hostiles/xml-anidado.xlsx'), 'x.xlsx', DEFAULT_LIMITS);
    expect(r?.parte).toBe('xl/worksheets/sheet1.xml');
    expect(r!.profundidad).toBeGreaterThan(MAX_PROFUNDIDAD_XML);
  });

  it.each(['fixtures/hostiles/valido.xlsx', 'fixtures/indicadores/presentacion-coquimbo-biobio.xlsx', 'fixtures/autoevaluacion/detalle-2013.xlsx'])(
    '%s, written like Excel, is not',
    async (file) => {
      expect(await xmlDemasiadoProfundo(readFileSync(file), file, DEFAULT_LIMITS)).toBeNull();
    },
  );
});
