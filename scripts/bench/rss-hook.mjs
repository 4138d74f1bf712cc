// Loaded with --import when /usr/bin/time is missing: writes the process's peak RSS (KiB) on exit.
import { appendFileSync } from 'node:fs';

const out = process.env.PBR_BENCH_RSS_FILE;
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`));
