#!/usr/bin/env node
// npm run build, second step: dist/cli/main.js (tsc's output) and everything it imports, pbr's
// modules and its dependencies, in one file, dist/cli/pbr.js, which bin/pbr.js runs. Node 20
// loads an ES module tree file by file (resolve, read, compile, link: about 90 files of pbr and
// a hundred of zod), and that cost 0,2 s at every start; one file loads in a fraction of it.
// exceljs stays outside: it is required on demand (src/io/exceljs.ts) and never at start-up.
// The file sits beside main.js, so import.meta.url finds package.json and node_modules as before.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'dist', 'cli', 'main.js')],
  outfile: join(root, 'dist', 'cli', 'pbr.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The CommonJS dependencies (commander, papaparse, cli-table3…) require Node's modules.
  banner: { js: "import { createRequire as __pbrRequire } from 'node:module'; const require = __pbrRequire(import.meta.url);" },
  external: ['exceljs'],
  // For --debug traces that name pbr's own files and lines.
  sourcemap: 'linked',
  logLevel: 'warning',
});
