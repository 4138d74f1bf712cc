import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JSON_VERSION } from '../../src/render/model.js';
import { VALIDACION_SCHEMA } from '../../src/render/validacion.js';
import { pbr } from '../e2e/run-cli.js';
import { checkSchema } from './json-schema-check.js';

const schema = JSON.parse(readFileSync('schemas/validacion.schema.json', 'utf8')) as Record<string, unknown>;
const props = schema.properties as Record<string, { const?: unknown }>;

describe('schemas/validacion.schema.json', () => {
  it('is the version the JSON report says it is', () => {
    expect(schema.$id).toBe(VALIDACION_SCHEMA);
    expect(props.version.const).toBe(JSON_VERSION);
    expect(props.$schema.const).toBe(VALIDACION_SCHEMA);
  });

  it('is shipped in the package', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schemas');
  });

  // Real outputs of every validar, valid and invalid files, CSV and xlsx, capped and strict.
  it.each([
    [['indicadores', 'validar', 'fixtures/indicadores/antofagasta-productos.xlsx'], 0],
    [['indicadores', 'validar', 'fixtures/indicadores/valor-inconsistente.xlsx', 'fixtures/indicadores/texto-en-numero.csv'], 1],
    [['indicadores', 'validar', 'fixtures/indicadores/columna-faltante.xlsx'], 1],
    [['indicadores', 'validar', 'fixtures/indicadores/antofagasta-productos.xlsx', '--estricto'], 1],
    [['autoevaluacion', 'validar', 'fixtures/autoevaluacion/ciclo-2010.xlsx'], 0],
    [['autoevaluacion', 'validar', 'fixtures/autoevaluacion/invalido-varios.csv', '--max-errores', '1'], 1],
  ])('pbr %j --formato json matches the schema', (args, code) => {
    const r = pbr([...args, '--formato', 'json']);
    expect(r.code).toBe(code);
    const doc = JSON.parse(r.stdout);
    expect(checkSchema(schema, doc)).toEqual([]);
  });

  it('the checker catches what the schema forbids', () => {
    const r = pbr(['indicadores', 'validar', 'fixtures/indicadores/valor-inconsistente.xlsx', '--formato', 'json']);
    const doc = JSON.parse(r.stdout);
    doc.archivos[0].issues[0].severidad = 'grave';
    doc.archivos[0].extra = 1;
    delete doc.valido;
    expect(checkSchema(schema, doc).sort()).toEqual([
      '$.archivos[0].issues[0].severidad: "grave" no está en enum',
      '$.archivos[0]: propiedad no prevista extra',
      '$: falta valido',
    ]);
  });
});
