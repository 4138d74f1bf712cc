import { mkdtempSync, readFileSync, existsSync, readdirSync, copyFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IssueCollector } from '../../src/core/report.js';
import { readWorkbook } from '../../src/io/read-workbook.js';
import { CONFIG_DIPRES } from '../../src/indicadores/calcular.js';
import { leerIndicadores } from '../../src/indicadores/leer-libro.js';
import { SalidaCalcular } from '../../src/indicadores/reporte.js';
import { validarLibro } from '../../src/indicadores/validar.js';
import { pbr } from './run-cli.js';

const F = (name: string) => `fixtures/indicadores/${name}`;
const tmp = () => mkdtempSync(join(tmpdir(), 'pbr-e2e-'));

describe('pbr indicadores validar', () => {
  it.each([
    'presentacion-coquimbo-biobio.xlsx',
    'tabular-coquimbo-biobio.xlsx',
    'tabular-coquimbo-biobio.csv',
    'antofagasta-productos.xlsx',
    'fraccion-valor.csv',
  ])('%s is valid (exit 0), warnings allowed', (name) => {
    const r = pbr(['indicadores', 'validar', F(name)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 error(es)');
    expect(r.stdout).toContain(`${F(name)}: válido`);
  });

  it.each([
    ['valor-inconsistente.xlsx', 'valor-inconsistente', 'Indicadores!K2'],
    ['denominador-cero.xlsx', 'denominador-cero', 'Indicadores!M2'],
    ['division-por-cero.xlsx', 'error-de-formula', 'Indicadores!K2'],
    ['texto-en-numero.csv', 'valor-no-numerico', 'I2'],
    ['columna-faltante.xlsx', 'columna-faltante', 'Indicadores:1'],
    ['ponderacion-no-suma.xlsx', 'ponderacion-no-suma-100', 'Indicadores!H2'],
    ['duplicado.xlsx', 'indicador-duplicado', 'Indicadores!C3'],
    ['dimension-desconocida.csv', 'ambito-desconocido', 'D2'],
  ])('%s is invalid (exit 1) with %s at %s', (name, codigo, where) => {
    const table = pbr(['indicadores', 'validar', F(name)]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain(codigo);
    expect(table.stdout).toContain(`${F(name)}: NO válido`);
    const r = pbr(['indicadores', 'validar', F(name), '--formato', 'json']);
    expect(r.code).toBe(1);
    const issue = JSON.parse(r.stdout).archivos[0].issues.find((i: { codigo: string }) => i.codigo === codigo);
    expect(issue.celda ?? `${issue.hoja}:${issue.fila}`).toBe(where);
    expect(issue.mensaje.length).toBeGreaterThan(20);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['vacio.csv', 'el archivo está vacío'],
    ['no-es-libro.xlsx', 'no es un libro .xlsx'],
    ['no-existe.xlsx', 'el archivo no existe'],
  ])('%s cannot be read (exit 2): one Spanish line naming the file, no stack trace', (name, message) => {
    const r = pbr(['indicadores', 'validar', F(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(F(name));
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--debug adds the trace, naming the TypeScript sources through the bundle\'s source map', () => {
    const r = pbr(['indicadores', 'validar', F('no-existe.xlsx'), '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('el archivo no existe');
    expect(r.stderr).toMatch(/\n\s+at readInput \(.*src[\\/]io[\\/]read-workbook\.ts:\d+:\d+\)/);
  });

  it('validates several files in one report and fails when any is invalid', () => {
    const r = pbr(['indicadores', 'validar', F('tabular-coquimbo-biobio.xlsx'), F('valor-inconsistente.xlsx'), '--formato', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.version).toBeTruthy();
    expect(j.valido).toBe(false);
    expect(j.archivos.map((a: { valido: boolean }) => a.valido)).toEqual([true, false]);
    const issue = j.archivos[1].issues.find((i: { codigo: string }) => i.codigo === 'valor-inconsistente');
    expect(issue).toMatchObject({ severidad: 'error', hoja: 'Indicadores', celda: 'Indicadores!K2', fila: 2, columna: 'K', valor: 81 });
    expect(issue.mensaje).toMatch(/80,5% y 81,5%/);
  });

  it.each([
    ['S1 60 + 40 around S2', 'S1;A;60%\nS2;B;100%\nS1;C;40%\n', []],
    ['S1 60 + 30 around S2', 'S1;A;60%\nS2;B;100%\nS1;C;30%\n', [['ponderacion-no-suma-100', 'C2']]],
    ['one name in two servicios, then again in the first', 'S1;A;50%\nS2;A;100%\nS1;A;50%\n', [['indicador-duplicado', 'B4']]],
    ['S2 weighted, S1 not, interleaved', 'S1;A;\nS2;B;100%\nS1;C;\n', []],
  ])('servicios interleaved row by row are checked each as a whole: %s', (_, filas, esperado) => {
    const csv = join(tmp(), 'intercalados.csv');
    writeFileSync(csv, `Servicio;Indicador;Ponderación;Unidad;2011\n${filas.replace(/\n/g, ';%;90%\n')}`);
    const r = pbr(['indicadores', 'validar', csv, '-f', 'json']);
    const errores = JSON.parse(r.stdout).archivos[0].issues.filter((i: { severidad: string }) => i.severidad === 'error');
    expect(errores.map((i: { codigo: string; celda: string }) => [i.codigo, i.celda.replace(/^.*!/, '')])).toEqual(esperado);
    expect(r.code).toBe(esperado.length ? 1 : 0);
  });

  it('reads standard input with -', () => {
    const r = pbr(['indicadores', 'validar', '-', '-f', 'json'], { input: readFileSync(F('tabular-coquimbo-biobio.csv')) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).archivos[0].archivo).toBe('-');
  });
});

describe('pbr indicadores calcular', () => {
  it('prints the seed values per year in es-CL, and the Bío Bío warning on stderr', () => {
    const r = pbr(['indicadores', 'calcular', F('presentacion-coquimbo-biobio.xlsx')]);
    expect(r.code).toBe(0);
    for (const v of ['71', '93,2', '93,9', '95,4', '82', '94,4']) expect(r.stdout).toMatch(new RegExp(`│\\s+${v.replace(',', ',')}\\s+│`));
    expect(r.stderr).toContain('meta-poco-exigente');
  });

  it('--formato json from the CLI equals the in-process result', async () => {
    const file = F('antofagasta-productos.xlsx');
    const r = pbr(['indicadores', 'calcular', file, '--formato', 'json']);
    expect(r.code).toBe(0);
    const wb = await readWorkbook(file);
    const c = new IssueCollector(file);
    const libro = leerIndicadores(wb, c);
    validarLibro(libro, c, CONFIG_DIPRES);
    let expected = '';
    const salida = new SalidaCalcular('json', { archivo: file, cfg: CONFIG_DIPRES, tabla: 'valores', csv: { separador: ',', decimal: '.' } }, (s) => (expected += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')));
    for (const ind of libro.indicadores) salida.add(ind);
    salida.finish({ hojas: libro.hojas, layout: libro.layout, advertencias: c.issues.filter((i) => i.severidad === 'advertencia') });
    expect(r.stdout).toBe(expected);
    const j = JSON.parse(r.stdout);
    expect(j.version).toBe('1.0');
    expect(j.indicadores).toHaveLength(8);
    expect(j.servicios[0]).toMatchObject({ anio: 2011, cumplimientoInstitucional: 85, incentivo: 3.8 });
  });

  it('JSON carries each indicator\'s fórmula, supuestos, notas and medios de verificación, null when absent', () => {
    const csv = join(tmp(), 'textos.csv');
    writeFileSync(
      csv,
      'Servicio;Indicador;Dimensión/Ámbito;Fórmula;Unidad;Ponderación;Supuestos;Notas;Medios de verificación;2011;Meta 2011\n' +
        'S1;Ind A;Calidad/Producto;(a/b)*100;%;100%;Sin paro;Nota uno;Registro X;90;95\n' +
        'S2;Ind B;Eficacia/Proceso;;%;100%;;;;80;90\n',
    );
    const r = pbr(['indicadores', 'calcular', csv, '-f', 'json']);
    expect(r.code).toBe(0);
    const textos = JSON.parse(r.stdout).indicadores.map(({ formula, supuestos, notas, mediosVerificacion }: Record<string, unknown>) => ({ formula, supuestos, notas, mediosVerificacion }));
    expect(textos).toEqual([
      { formula: '(a/b)*100', supuestos: 'Sin paro', notas: 'Nota uno', mediosVerificacion: 'Registro X' },
      { formula: null, supuestos: null, notas: null, mediosVerificacion: null },
    ]);
  });

  it('--umbral and --sobrecumplimiento change the result', () => {
    const strict = JSON.parse(pbr(['indicadores', 'calcular', F('antofagasta-productos.xlsx'), '-f', 'json', '--umbral', '100']).stdout);
    // At 100 %, indicator 5 (99,0 %) stops complying: 85 − 10 = 75 → still 3,8 %.
    expect(strict.servicios[0].cumplimientoInstitucional).toBe(75);
    const r = pbr(['indicadores', 'calcular', F('antofagasta-productos.xlsx'), '-f', 'json', '--sobrecumplimiento', '0']);
    expect(r.stderr).not.toContain('sobrecumplimiento');
    expect(JSON.parse(r.stdout).indicadores.flatMap((i: { cumplimiento: { estado: string }[] }) => i.cumplimiento.map((c) => c.estado))).not.toContain('sobrecumplimiento');
  });

  it('--umbral above --sobrecumplimiento is a usage error (exit 2) before anything is read', () => {
    const r = pbr(['indicadores', 'calcular', F('antofagasta-productos.xlsx'), '--umbral', '150']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('pbr: --umbral (150) no puede superar --sobrecumplimiento (130): todo indicador que cumple sería un sobrecumplimiento. Suba --sobrecumplimiento, o desactívelo con --sobrecumplimiento 0.\n');
    expect(pbr(['indicadores', 'validar', F('antofagasta-productos.xlsx'), '--umbral', '97,5', '--sobrecumplimiento', '90']).code).toBe(2);
    // With sobrecumplimiento off, 141,7 % is below 150 %: nothing cumple, Obtenido 0, no incentive.
    const off = JSON.parse(pbr(['indicadores', 'calcular', F('antofagasta-productos.xlsx'), '-f', 'json', '--umbral', '150', '--sobrecumplimiento', '0']).stdout);
    expect(off.servicios[0]).toMatchObject({ cumplen: 0, cumplimientoInstitucional: 0, incentivo: 0 });
  });

  it('CSV for Excel in Chile: --separador ";" --decimal ","', () => {
    const r = pbr(['indicadores', 'calcular', F('antofagasta-productos.xlsx'), '-f', 'csv', '--tabla', 'servicios', '--separador', ';', '--decimal', ',']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[1]).toBe('Gobierno Regional de Antofagasta;2011;8;7;1;0;100;85;3,8');
  });

  it('refuses invalid data with exit 1, the report on stderr and no output file', () => {
    const dir = tmp();
    const out = join(dir, 'r.json');
    const r = pbr(['indicadores', 'calcular', F('valor-inconsistente.xlsx'), '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('valor-inconsistente');
    expect(r.stderr).toContain('corríjalos antes de calcular');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('-o writes the file whole and infers the format from its extension', () => {
    const dir = tmp();
    const out = join(dir, 'r.json');
    const r = pbr(['indicadores', 'calcular', F('tabular-coquimbo-biobio.csv'), '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).indicadores).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('-o naming the input is refused and the input is untouched', () => {
    const dir = tmp();
    const input = join(dir, 'in.csv');
    copyFileSync(F('tabular-coquimbo-biobio.csv'), input);
    const before = readFileSync(input);
    const mtime = statSync(input).mtimeMs;
    const r = pbr(['indicadores', 'calcular', input, '-o', input, '-f', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('es uno de los archivos de entrada');
    expect(readFileSync(input)).toEqual(before);
    expect(statSync(input).mtimeMs).toBe(mtime);
  });
});

describe('pbr indicadores resumen', () => {
  it('prints the seed Antofagasta table with its totals', () => {
    const r = pbr(['indicadores', 'resumen', F('antofagasta-productos.xlsx')]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').map((l) => l.split('│').map((c) => c.trim()).filter(Boolean));
    expect(rows).toContainEqual(['3', 'Sistema de Planificación y Ordenamiento Territorial', '0', '0', '0', '0']);
    expect(rows).toContainEqual(['Total Indicadores', '8', '0', '6', '2']);
    expect(rows).toContainEqual(['Participación sobre Total Indicadores (%)', '100', '0', '75', '25']);
  });

  it('JSON gives counts and shares as numbers', () => {
    const j = JSON.parse(pbr(['indicadores', 'resumen', F('antofagasta-productos.xlsx'), '-f', 'json']).stdout);
    expect(j.servicios[0].total).toMatchObject({ total: 8, resultado: 0, producto: 6, proceso: 2 });
    expect(j.servicios[0].participacion).toMatchObject({ total: 100, resultado: 0, producto: 75, proceso: 25 });
  });
});

describe('help, version and usage errors, in Spanish', () => {
  it.each([
    [['--help'], 'Uso: pbr'],
    [['indicadores', '--help'], 'Comandos:'],
    [['indicadores', 'validar', '--help'], 'Ejemplos:'],
    [['indicadores', 'calcular', '--help'], '--umbral'],
    [['indicadores', 'resumen', '--help'], 'Ejemplo:'],
  ])('%j', (args, text) => {
    const r = pbr(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(text);
    expect(r.stdout).not.toMatch(/\bdisplay help\b|\bUsage:/);
  });

  it.each([
    '', 'indicadores', 'indicadores validar', 'indicadores calcular', 'indicadores resumen', 'autoevaluacion',
    'autoevaluacion validar', 'autoevaluacion calcular', 'autoevaluacion comparar', 'plantilla', 'plantilla indicadores',
    'plantilla autoevaluacion', 'validar',
  ])('pbr %s --help: usage lines and command lists say [opciones] and [comando]; options, valores and por omisión', (cmd) => {
    const r = pbr([...cmd.split(' ').filter(Boolean), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\[options\]|\[command\]|\bchoices: |\bdefault: |\bpreset: |\benv: /);
    expect(r.stdout).toMatch(/^Uso: pbr.*\[opciones\]/);
  });

  it('indicadores validar --help says --umbral changes nothing there; calcular --help, what it does', () => {
    const ayuda = (cmd: string) => pbr(['indicadores', cmd, '--help']).stdout.replace(/\s+/g, ' ');
    expect(ayuda('validar')).toContain('--umbral <porcentaje> se acepta como en calcular, pero no cambia la validación');
    expect(ayuda('validar')).toContain('la única advertencia que depende de un umbral');
    expect(ayuda('calcular')).toContain('--umbral <porcentaje> cumplimiento desde el que un indicador cumple');
  });

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pbr(['--version']).stdout.trim()).toBe(pkg.version);
  });

  it.each([
    [['indicadores', 'validar'], "falta el argumento obligatorio 'archivo'"],
    [['indicadores', 'calcular', F('vacio.csv'), '--formato', 'pdf'], "no acepta 'pdf'"],
    [['indicadores', 'calcular', F('vacio.csv'), '--bogus'], "opción desconocida '--bogus'"],
    [['indicadores', 'calcular', F('tabular-coquimbo-biobio.csv'), '--umbral', 'alto'], '--umbral debe ser un porcentaje'],
  ])('%j exits 2 with a Spanish message', (args, text) => {
    const r = pbr(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
  });

  // A file that does not exist proves nothing was read: the usage error comes first, alone.
  const porComando = ['indicadores calcular', 'indicadores resumen', 'indicadores validar', 'validar', 'autoevaluacion calcular'];
  it.each(porComando)('pbr %s x --formato xlsx without -o is refused before reading any input', (cmd) => {
    for (const file of ['no-existe.xlsx', F('tabular-coquimbo-biobio.csv')]) {
      const r = pbr([...cmd.split(' '), file, '--formato', 'xlsx']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('pbr: --formato xlsx escribe un libro Excel, no texto: use -o archivo.xlsx.\n');
    }
  });
});
