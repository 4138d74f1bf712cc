#!/usr/bin/env node
// npm run bench [-- --rapido]: times pbr on tabular indicator workbooks of 20 000 and 200 000
// rows (xlsx and CSV), on a municipal self-assessment detalle workbook (345 entities × 133
// elementos × 10 cycles = 458 850 rows, xlsx and CSV) and with `pbr validar` on a folder of
// 500 small workbooks, as whole processes, median of 3, with peak RSS, beside the floors issue 5
// names (reading the file with exceljs's streaming reader alone; with csv-parse alone). pbr now
// reads large .xlsx with its own reader and CSV with papaparse's parser, both faster than those
// floors; papaparse alone is shown beside the CSV floor. PBR_BENCH_RAPIDO=1 = --rapido
// (20 000 indicator rows, one self-assessment cycle, 100 files); --solo autoevaluacion,carpeta
// measures only those parts (indicadores, autoevaluacion, carpeta).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDetalleCsv, writeDetalleXlsx } from './bench/generate-autoevaluacion.mjs';
import { writeCarpeta } from './bench/generate-carpeta.mjs';
import { writeCsv, writeXlsx } from './bench/generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.bench');
const pbr = join(root, 'bin', 'pbr.js');
const rapido = process.argv.includes('--rapido') || process.env.PBR_BENCH_RAPIDO === '1';
/** `--solo autoevaluacion,carpeta`: only those parts (indicadores, autoevaluacion, carpeta). */
const soloArg = process.argv.indexOf('--solo');
const solo = soloArg > 0 ? new Set(process.argv[soloArg + 1].split(',')) : null;
const parte = (nombre) => !solo || solo.has(nombre);
const SIZES = rapido ? [20_000] : [20_000, 200_000];
const RUNS = 3;
/** A run slower than this is not repeated: its one time is reported (and marked). */
const SLOW_S = 40;
/** A run is stopped after this long and reported as over the time. */
const TIMEOUT_S = 100;
const GENERATOR_VERSION = 2;
/** Self-assessment workbook: 345 comunas × 133 elementos × CICLOS cycles. */
const CICLOS = rapido ? 1 : 10;
const ARCHIVOS = rapido ? 100 : 500;
const AE_VERSION = 1;
/** The whole bench stays under 10 minutes: past this, the remaining commands are skipped. */
const BUDGET_S = 510;
/**
 * Seconds of the budget kept for the self-assessment workbook and the folder (about 90 s on
 * an idle 2-core machine): the indicator workbooks stop being measured before it.
 */
const RESERVA_S = 150;

const timeBin = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0 ? '/usr/bin/time' : null;

mkdirSync(dir, { recursive: true });

/** One process, timed; peak RSS from /usr/bin/time -v, else from a --import hook in node. */
function runOnce(args) {
  return new Promise((resolve) => {
    const rssFile = join(dir, `rss-${process.pid}.txt`);
    rmSync(rssFile, { force: true });
    const env = { ...process.env, NO_COLOR: '1' };
    let cmd = process.execPath;
    let argv = args;
    if (timeBin) {
      cmd = timeBin;
      argv = ['-v', process.execPath, ...args];
    } else {
      env.PBR_BENCH_RSS_FILE = rssFile;
      argv = ['--import', join(root, 'scripts', 'bench', 'rss-hook.mjs'), ...args];
    }
    const start = process.hrtime.bigint();
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.length > 1e6) stderr = stderr.slice(-1e5);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(5, Math.min(TIMEOUT_S, BUDGET_S + 60 - elapsed())) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let kib = null;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (m) kib = Number(m[1]);
      else if (existsSync(rssFile)) kib = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
      rmSync(rssFile, { force: true });
      const exit = /Exit status: (\d+)/.exec(stderr);
      const status = signal ? null : timeBin && exit ? Number(exit[1]) : code;
      const message = stderr.split('\n').find((l) => l.startsWith('pbr:')) ?? stderr.split('\n').find((l) => /error/i.test(l)) ?? '';
      resolve({ seconds, mb: kib == null ? null : kib / 1024, status, signal, message, killed: signal === 'SIGKILL' });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function ensure(path, make, rows) {
  if (existsSync(path)) return;
  const t = Date.now();
  process.stderr.write(`bench: generando ${path} (${rows} filas)…\n`);
  await make(`${path}.tmp`, rows);
  spawnSync('mv', [`${path}.tmp`, path]);
  process.stderr.write(`bench: listo en ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
}

const fmt = (n, d = 2) => (n == null ? '—' : n.toFixed(d));
const table = [];
const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
process.stderr.write(`bench: ${cpus().length} núcleos (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, memoria pico de ${timeBin ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS'}\n`);

/**
 * Measures each command of one input, the first (the floor) being what the others are compared
 * to. The runs go in rounds (floor, then each command, RUNS times), not a command's three in a
 * row: a change in the machine's load over the minutes of a bench then touches the floor and
 * pbr alike, and the ratio is what the targets are about.
 */
async function measureAll(label, commands, what, deadline = BUDGET_S) {
  const state = commands.map((c) => ({ c, runs: [], failed: null, done: false }));
  for (let i = 0; i < RUNS; i++) {
    for (const s of state) {
      if (s.done) continue;
      // Past the deadline a command keeps the runs it has; one with none is left out.
      if (elapsed() > deadline) {
        s.done = true;
        continue;
      }
      process.stderr.write(`bench: ${label}: ${s.c.name} (${i + 1}/${RUNS})…\n`);
      const r = await runOnce(s.c.args);
      if (s.c.out) rmSync(s.c.out, { force: true });
      if (!(s.c.ok ?? [0]).includes(r.status)) {
        s.failed = r;
        s.done = true;
        continue;
      }
      s.runs.push(r);
      if (r.seconds > SLOW_S) s.done = true;
    }
  }
  let floor = null;
  for (const { c, runs, failed: f } of state) {
    if (f) {
      const why = f.killed ? `detenido tras ${f.seconds.toFixed(0)} s` : f.signal ? `terminó por ${f.signal}` : `salió con ${f.status}`;
      process.stderr.write(`bench: se omite «${c.name}» en ${what}: ${why}${f.message ? ` (${f.message.slice(0, 160)})` : ''}\n`);
      table.push([label, c.name, `omitido: ${why}`, fmt(f.mb, 0), '—']);
      continue;
    }
    if (runs.length === 0) {
      process.stderr.write(`bench: se omite «${c.name}» en ${what}: el bench ya lleva ${elapsed().toFixed(0)} s\n`);
      table.push([label, c.name, 'omitido: sin tiempo', '—', '—']);
      continue;
    }
    const seconds = median(runs.map((r) => r.seconds));
    const mb = runs.some((r) => r.mb == null) ? null : Math.max(...runs.map((r) => r.mb));
    if (!floor) floor = seconds;
    table.push([label, c.name, `${fmt(seconds)}${runs.length < RUNS ? ` (${runs.length} corrida${runs.length === 1 ? '' : 's'})` : ''}`, fmt(mb, 0), `${(seconds / floor).toFixed(2)}×`]);
  }
}

const mib = (file) => `${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`;
const floorOf = (kind) => join(root, 'scripts', 'bench', kind === 'xlsx' ? 'floor-xlsx.mjs' : 'floor-csv.mjs');
/** Beside the CSV floor, papaparse alone: what pbr's CSV reader is built on (shown, not the floor). */
const papaparse = (kind, file) => (kind === 'csv' ? [{ name: 'papaparse solo (analizador de pbr)', args: [join(root, 'scripts', 'bench', 'floor-papaparse.mjs'), file] }] : []);
const floorName = (kind) => (kind === 'xlsx' ? 'piso: exceljs streaming' : 'piso: csv-parse streaming');

for (const rows of parte('indicadores') ? SIZES : []) {
  for (const kind of ['xlsx', 'csv']) {
    const file = join(dir, `indicadores-${rows}-v${GENERATOR_VERSION}.${kind}`);
    await ensure(file, kind === 'xlsx' ? writeXlsx : writeCsv, rows);
    const out = join(dir, `salida-${rows}-${kind}.json`);
    await measureAll(`${rows.toLocaleString('es-CL')} ${kind} (${mib(file)})`, [
      { name: floorName(kind), args: [floorOf(kind), file] },
      ...papaparse(kind, file),
      { name: 'pbr indicadores validar', args: [pbr, 'indicadores', 'validar', file], ok: [0, 1] },
      { name: 'pbr indicadores calcular --formato json -o', args: [pbr, 'indicadores', 'calcular', file, '--formato', 'json', '-o', out], ok: [0, 1], out },
    ], file, BUDGET_S - RESERVA_S);
  }
}

// Self-assessment at municipal scale: one row per comuna, elemento and cycle.
for (const kind of parte('autoevaluacion') ? ['xlsx', 'csv'] : []) {
  const filas = 345 * 133 * CICLOS;
  const file = join(dir, `autoevaluacion-345x133x${CICLOS}-v${AE_VERSION}.${kind}`);
  await ensure(file, (path) => (kind === 'xlsx' ? writeDetalleXlsx : writeDetalleCsv)(path, { ciclos: CICLOS }), filas);
  const out = join(dir, `salida-autoevaluacion-${kind}.json`);
  await measureAll(`autoevaluación 345×133×${CICLOS} ${kind} (${mib(file)})`, [
    { name: floorName(kind), args: [floorOf(kind), file] },
    ...papaparse(kind, file),
    { name: 'pbr autoevaluacion validar', args: [pbr, 'autoevaluacion', 'validar', file] },
    { name: 'pbr autoevaluacion calcular --formato json -o', args: [pbr, 'autoevaluacion', 'calcular', file, '--formato', 'json', '-o', out], out },
  ], file);
}

// pbr validar over a folder of small workbooks (indicators and self-assessments, xlsx and CSV).
if (parte('carpeta')) {
  const carpeta = join(dir, `carpeta-${ARCHIVOS}-v${AE_VERSION}`);
  if (!existsSync(join(carpeta, '.completa'))) {
    rmSync(carpeta, { recursive: true, force: true });
    process.stderr.write(`bench: generando ${carpeta} (${ARCHIVOS} archivos)…\n`);
    await writeCarpeta(carpeta, ARCHIVOS);
  }
  await measureAll(`carpeta de ${ARCHIVOS} archivos pequeños`, [
    { name: 'piso: exceljs/csv-parse, cada archivo', args: [join(root, 'scripts', 'bench', 'floor-carpeta.mjs'), carpeta] },
    { name: 'pbr validar <carpeta>', args: [pbr, 'validar', carpeta] },
  ], carpeta);
}

const head = ['archivo', 'comando', 'mediana s', 'pico MB', 'vs piso'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table) console.log(line(r));
console.log(`\n${cpus().length} núcleos, ${cpus()[0]?.model ?? '?'}, node ${process.version}; mediana de ${RUNS} corridas alternadas; total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
