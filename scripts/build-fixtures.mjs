#!/usr/bin/env node
// Rebuilds every fixture in fixtures/: runs each generator in scripts/fixtures/ in name order.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
  const mod = await import(pathToFileURL(join(dir, name)).href);
  await mod.build();
  console.log(`fixtures: ${name} listo`);
}
