#!/usr/bin/env node
// pbr is one bundled file (scripts/bundle.mjs); with --debug its traces name the TypeScript sources.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/cli/pbr.js');
await main(process.argv);
