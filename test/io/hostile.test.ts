import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/core/errors.js';
import { DEFAULT_LIMITS, limitsFromEnv, parseLimitValue } from '../../src/io/limits.js';
import { readWorkbook } from '../../src/io/read-workbook.js';
import { writeOutputAtomic } from '../../src/io/write-output.js';
// @ts-expect-error: a plain .mjs script, no types
import { deflatedRepeat, xlsx, zip } from '../../scripts/fixtures/lib/zip.mjs';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'hostiles');
const ROOT = join(import.meta.dirname, '..', '..');
const f = (name: string) => join(FIX, name);
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pbr-hostil-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function refusal(file: string, opts: Parameters<typeof readWorkbook>[1] = {}): Promise<InputError> {
  const err = await readWorkbook(file, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `${file} debió ser rechazado`).toBeInstanceOf(InputError);
  const e = err as InputError;
  expect(e.exitCode).toBe(2);
  expect(e.message.startsWith(file)).toBe(true);
  return e;
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('archivos hostiles y dañados (comprometidos en fixtures/hostiles)', () => {
  it.each([
    ['bomba-ratio.xlsx', /se comprime 10\d\d a 1, más que el máximo de 200 a 1 \(posible bomba zip\).*PBR_MAX_RATIO/],
    ['bomba-mentirosa.xlsx', /la parte xl\/worksheets\/sheet1\.xml se descomprime a más de lo que declara \(2 KiB\); posible bomba zip/],
    ['entidades.xlsx', /declara un DTD o entidades XML \(<!DOCTYPE\); pbr no expande entidades/],
    ['entidad-externa.xlsx', /declara un DTD o entidades XML.*ni lee referencias externas/],
    ['doctype-workbook.xlsx', /la parte xl\/sharedStrings\.xml declara un DTD/],
    ['dimension-enorme.xlsx', /declara una dimensión de A1:BDWGN100000000, más de lo que Excel admite \(1\.048\.576 filas × 16\.384 columnas\)/],
    ['celda-gigante.xlsx', /la celda Indicadores!C2 tiene 2\.000\.000 caracteres; el máximo es 32\.767.*PBR_MAX_CELDA/],
    ['celda-gigante.csv', /la celda B2 \(línea 2, campo 2\) tiene 40\.000 caracteres; el máximo es 32\.767/],
    ['xml-malformado.xlsx', /el XML del libro está mal formado/],
    ['xml-anidado.xlsx', /el XML del libro está mal formado: anida elementos a más de 256 niveles \(xl\/worksheets\/sheet1\.xml\), más hondo de lo que Excel escribe/],
    ['zip-truncado.xlsx', /no es un libro \.xlsx válido: el archivo zip está truncado/],
    ['zip-cifrado.xlsx', /está cifrado o protegido con contraseña/],
    ['informe.pdf', /es un PDF, no una planilla/],
    ['informe-pdf.xlsx', /es un PDF, no una planilla/],
    ['antiguo.xls', /es un libro \.xls de Excel 97-2003/],
    ['binario.csv', /no es una planilla \(\.xlsx\) ni un texto CSV/],
  ])('%s → InputError (exit 2) con su mensaje', async (name, message) => {
    const before = sha(f(name));
    const e = await refusal(f(name));
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/\n/);
    expect(sha(f(name))).toBe(before); // the input is never touched
  });

  it('la dimensión de toda la grilla de Excel se acepta pero no se asigna: solo se leen las filas reales', async () => {
    const wb = await readWorkbook(f('dimension-maxima.xlsx'));
    expect(wb.sheets[0].rows.map((r) => r.index)).toEqual([1, 2]);
    expect(wb.sheets[0].rows[1].cells).toHaveLength(5);
  });

  it('el libro válido de referencia se lee', async () => {
    const wb = await readWorkbook(f('valido.xlsx'));
    expect(wb.sheets[0].rows[1].cells[3]?.value).toBe(152);
  });

  it('la entidad externa nunca se expande: el mensaje no contiene nada de /etc/passwd', async () => {
    const e = await refusal(f('entidad-externa.xlsx'));
    expect(e.message).not.toMatch(/root:/);
  });
});

describe('archivos hostiles grandes (generados en un directorio temporal)', () => {
  it('una bomba zip que declara 3 GiB se rechaza por el directorio central, sin descomprimir', async () => {
    const p = join(tmp, 'bomba-gigas.xlsx');
    writeFileSync(p, xlsx({ sheet: { raw: deflatedRepeat(3072), declaredSize: 3 * 1024 ** 3 } }));
    const e = await refusal(p);
    expect(e.message).toMatch(/se descomprime a más de 2 GiB \(posible bomba zip\).*PBR_MAX_DESCOMPRIMIDO/);
    rmSync(p);
  });

  it('un zip con más partes que el límite se rechaza', async () => {
    const p = join(tmp, 'partes.xlsx');
    writeFileSync(p, zip(Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, data: '', method: 0 }))));
    expect((await refusal(p)).message).toMatch(/tiene 10\.001 partes internas; el máximo es 10\.000.*PBR_MAX_ENTRADAS/);
  });

  it('un CSV de una sola línea gigantesca termina antes de analizarse', async () => {
    const p = join(tmp, 'linea-gigante.csv');
    writeFileSync(p, `Servicio;Indicador\n${';'.repeat(3 * 1024 * 1024)}\n`);
    expect((await refusal(p)).message).toMatch(/, línea 2: la línea tiene más de 1\.048\.576 caracteres.*PBR_MAX_LINEA/);
  });

  it('un campo entre comillas que nunca se cierra termina en el límite de registro', async () => {
    const p = join(tmp, 'campo-gigante.csv');
    writeFileSync(p, `Servicio;Indicador\nSII;"${'texto sin fin\n'.repeat(100_000)}`);
    expect((await refusal(p)).message).toMatch(/un registro del CSV supera 1\.048\.576 caracteres \(¿una comilla sin cerrar\?\)/);
  });

  it('un registro con más campos que columnas tiene Excel se rechaza', async () => {
    const p = join(tmp, 'campos.csv');
    writeFileSync(p, `a;b\n${'1;'.repeat(20_000)}\n`);
    expect((await refusal(p)).message).toMatch(/línea 2: el registro tiene 20\.001 campos; el máximo es 16\.384/);
  });
});

describe('límites ajustables', () => {
  it('los valores por omisión son los documentados en docs/limites.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'limites.md'), 'utf8');
    for (const v of ['PBR_MAX_BYTES', 'PBR_MAX_DESCOMPRIMIDO', 'PBR_MAX_RATIO', 'PBR_MAX_ENTRADAS', 'PBR_MAX_CELDA', 'PBR_MAX_FILAS', 'PBR_MAX_COLUMNAS', 'PBR_MAX_LINEA']) {
      expect(doc).toContain(v);
    }
    expect(DEFAULT_LIMITS.maxCelda).toBe(32_767);
    expect(DEFAULT_LIMITS.maxFilas).toBe(1_048_576);
  });

  it.each([
    ['32767', 32_767],
    ['512M', 512 * 1024 ** 2],
    ['2g', 2 * 1024 ** 3],
    ['64 KiB', 64 * 1024],
    ['1_000_000', 1_000_000],
    ['1.000.000', 1_000_000],
    ['0', null],
    ['-5', null],
    ['mucho', null],
    ['5T', null],
  ])('parseLimitValue(%j) = %j', (text, expected) => {
    expect(parseLimitValue(text)).toBe(expected);
  });

  it('PBR_MAX_CELDA sube el límite de una celda', async () => {
    const wb = await readWorkbook(f('celda-gigante.csv'), { limits: limitsFromEnv({ PBR_MAX_CELDA: '50000' }) });
    expect(String(wb.sheets[0].rows[1].cells[1]?.value)).toHaveLength(40_000);
  });

  it('una variable con un valor que no es un número es un error de uso en español', () => {
    expect(() => limitsFromEnv({ PBR_MAX_BYTES: 'mucho' })).toThrow(UsageError);
    expect(() => limitsFromEnv({ PBR_MAX_BYTES: 'mucho' })).toThrow(/PBR_MAX_BYTES=mucho: debe ser un número entero positivo/);
  });

  it('un archivo que pesa más que PBR_MAX_BYTES se rechaza antes de leerse', async () => {
    const e = await refusal(f('valido.xlsx'), { limits: limitsFromEnv({ PBR_MAX_BYTES: '1K' }) });
    expect(e.message).toMatch(/pesa más de 1 KiB, el máximo que pbr lee \(límite ajustable con PBR_MAX_BYTES\)/);
  });

  it('la entrada estándar también se corta en PBR_MAX_BYTES', async () => {
    const stdin = Readable.from([Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x61)]);
    const e = await refusal('-', { stdin, limits: limitsFromEnv({ PBR_MAX_BYTES: '1K' }) });
    expect(e.message).toMatch(/^-: pesa más de 1 KiB/);
  });

  it('PBR_MAX_FILAS limita los registros de un CSV', async () => {
    const p = join(tmp, 'filas.csv');
    writeFileSync(p, Array.from({ length: 30 }, (_, i) => `${i};x`).join('\n'));
    expect((await refusal(p, { limits: limitsFromEnv({ PBR_MAX_FILAS: '10' }) })).message).toMatch(/el CSV tiene 30 registros; el máximo es 10/);
  });

  it('PBR_MAX_COLUMNAS limita las columnas de una hoja', async () => {
    const e = await refusal(f('valido.xlsx'), { limits: limitsFromEnv({ PBR_MAX_COLUMNAS: '3' }) });
    expect(e.message).toMatch(/hoja Indicadores: tiene datos en la columna 4 \(Indicadores!D1\); el máximo es 3/);
  });
});

describe('writeOutputAtomic', () => {
  it('escribe el contenido completo y no deja temporales', async () => {
    const d = mkdtempSync(join(tmp, 'out-'));
    await writeOutputAtomic(join(d, 'informe.json'), '{"version":1}');
    expect(readFileSync(join(d, 'informe.json'), 'utf8')).toBe('{"version":1}');
    expect(readdirSync(d)).toEqual(['informe.json']);
  });

  it('rechaza -o que nombra una entrada, también a través de un enlace simbólico, sin tocarla', async () => {
    const d = mkdtempSync(join(tmp, 'in-'));
    const input = join(d, 'entrada.csv');
    writeFileSync(input, 'a;b\n1;2\n');
    symlinkSync(input, join(d, 'enlace.csv'));
    for (const target of [input, join(d, 'enlace.csv'), join(d, '.', 'entrada.csv')]) {
      await expect(writeOutputAtomic(target, 'x', [input])).rejects.toThrow(UsageError);
      await expect(writeOutputAtomic(target, 'x', [input])).rejects.toThrow(/es uno de los archivos de entrada; pbr nunca modifica una entrada/);
    }
    expect(readFileSync(input, 'utf8')).toBe('a;b\n1;2\n');
    expect(readdirSync(d).sort()).toEqual(['enlace.csv', 'entrada.csv']);
  });

  it('si el renombre falla, no queda archivo temporal ni salida parcial', async () => {
    const d = mkdtempSync(join(tmp, 'fail-'));
    mkdirSync(join(d, 'informe.json')); // a folder where the file should go: rename fails
    const e = await writeOutputAtomic(join(d, 'informe.json'), 'x'.repeat(100_000)).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/informe\.json: no se pudo escribir la salida/);
    expect(readdirSync(d)).toEqual(['informe.json']);
    expect(readdirSync(join(d, 'informe.json'))).toEqual([]);
  });

  it('en una carpeta que no existe, falla con un mensaje y no crea nada', async () => {
    const target = join(tmp, 'no-existe', 'informe.json');
    await expect(writeOutputAtomic(target, 'x')).rejects.toThrow(/no se pudo escribir la salida/);
    expect(existsSync(join(tmp, 'no-existe'))).toBe(false);
  });
});

// The command line: exit 2, one Spanish line naming the file, no stack trace, no output left.
const PBR = join(ROOT, 'bin', 'pbr.js');
function validar(file: string, out: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [PBR, 'indicadores', 'validar', file, '--formato', 'json', '-o', out], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}

describe('pbr indicadores validar con archivos hostiles (CLI)', () => {
  it.each([
    ['bomba-ratio.xlsx', /posible bomba zip/],
    ['bomba-mentirosa.xlsx', /posible bomba zip/],
    ['entidades.xlsx', /declara un DTD o entidades XML/],
    ['entidad-externa.xlsx', /declara un DTD o entidades XML/],
    ['dimension-enorme.xlsx', /más de lo que Excel admite/],
    ['celda-gigante.xlsx', /la celda Indicadores!C2 tiene 2\.000\.000 caracteres/],
    ['celda-gigante.csv', /la celda B2/],
    ['xml-malformado.xlsx', /el XML del libro está mal formado/],
    ['xml-anidado.xlsx', /el XML del libro está mal formado: anida elementos a más de 256 niveles/],
    ['zip-truncado.xlsx', /el archivo zip está truncado/],
    ['informe.pdf', /es un PDF, no una planilla/],
    ['antiguo.xls', /es un libro \.xls de Excel 97-2003/],
  ])('%s → exit 2, mensaje, sin salida', (name, message) => {
    const out = join(tmp, `salida-${name}.json`);
    const r = validar(f(name), out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`pbr: ${f(name)}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((n) => n.includes(`salida-${name}`))).toEqual([]);
  });

  it.each([
    ['bomba-gigas.xlsx', () => xlsx({ sheet: { raw: deflatedRepeat(3072), declaredSize: 3 * 1024 ** 3 } }), /se descomprime a más de 2 GiB \(posible bomba zip\)/],
    // The whole reader stops at the line length, the streaming one at the field count: both end fast.
    ['linea-gigante.csv', () => `Servicio;Indicador\n${';'.repeat(3 * 1024 * 1024)}\n`, /, línea 2: (la línea tiene más de 1\.048\.576 caracteres|el registro tiene 3\.145\.729 campos; el máximo es 16\.384)/],
    ['comilla-sin-cerrar.csv', () => `Servicio;Indicador\nSII;"${'texto sin fin\n'.repeat(100_000)}`, /¿una comilla sin cerrar\?/],
    ['comilla-sin-cerrar-corto.csv', () => 'Servicio;Indicador;2011\nSII;"Porcentaje;10\nSII;Otro;20\n', /, línea 2: un campo abre comillas y no las cierra antes del fin del archivo/],
    ['comilla-de-cierre.csv', () => 'Servicio;Indicador;2011\nSII;"Porcentaje" de trámites;10\n', /, línea 2: una comilla de cierre va seguida de texto/],
  ])('%s (generado) → exit 2, mensaje, sin salida', (name, make, message) => {
    const p = join(tmp, name);
    writeFileSync(p, make());
    const out = join(tmp, `salida-${name}.json`);
    const r = validar(p, out);
    rmSync(p);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`pbr: ${p}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('un límite ajustado por variable de entorno vale en la línea de comandos', () => {
    const r = spawnSync(process.execPath, [PBR, 'indicadores', 'validar', f('valido.xlsx')], { encoding: 'utf8', env: { ...process.env, PBR_MAX_BYTES: '1K' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pesa más de 1 KiB/);
  });
});
