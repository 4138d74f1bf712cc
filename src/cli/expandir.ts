import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UsageError } from '../core/errors.js';

/** What `pbr validar` reads in a folder: workbooks and text exports. */
const EXTENSIONES = /\.(xlsx|xlsm|csv|txt)$/i;

/**
 * The files named on the command line: a file as is, a folder by its workbooks (recursively,
 * without hidden entries, sorted), a glob (`datos/*.xlsx`, `**` for any depth) by its matches,
 * for shells that do not expand it (cmd.exe, a quoted argument in CI).
 */
export function expandirArchivos(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push(arg);
      continue;
    }
    const st = statOrNull(arg);
    if (st?.isDirectory()) {
      const found = walk(arg).filter((f) => EXTENSIONES.test(f));
      if (found.length === 0) throw new UsageError(`${arg}: la carpeta no tiene archivos .xlsx ni .csv.`);
      out.push(...found);
    } else if (!st && /[*?[]/.test(arg)) {
      const found = glob(arg);
      if (found.length === 0) throw new UsageError(`${arg}: ningún archivo coincide con el patrón.`);
      out.push(...found);
    } else out.push(arg);
  }
  return [...new Set(out)];
}

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function glob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  while (parts.length > 1 && !/[*?[]/.test(parts[0])) fixed.push(parts.shift()!);
  const base = fixed.length ? fixed.join('/') || '/' : '.';
  if (!statOrNull(base)?.isDirectory()) return [];
  const re = globRegex(parts.join('/'));
  return walk(base)
    .filter((f) => re.test(relative(base, f).split(sep).join('/')))
    .map((f) => (fixed.length ? f : relative('.', f)));
}

/** `*` any name part, `?` one character, `[abc]` a class, `**` any number of folders. */
export function globRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
