import { UsageError } from '../core/errors.js';

/**
 * How much of a file pbr accepts before refusing it (exit 2). Files come from people pbr
 * cannot trust: every limit bounds memory or time, and each has an Excel-given reason.
 * Documented in docs/limites.md; overridable with the PBR_MAX_* environment variables.
 */
export interface Limits {
  /** Bytes of the input file as it sits on disk (or arrives on stdin). */
  maxBytes: number;
  /** Bytes all the parts of an .xlsx unpack to, together (zip bomb). */
  maxDescomprimido: number;
  /** Uncompressed / compressed size of one part; only for parts over `ratioDesde` bytes. */
  maxRatio: number;
  /** Parts smaller than this are not ratio-checked: tiny parts compress oddly and are harmless. */
  ratioDesde: number;
  /** Parts (files) inside an .xlsx. */
  maxEntradas: number;
  /** Characters in one cell: Excel itself holds at most 32 767. */
  maxCelda: number;
  /** Rows of a sheet or records of a CSV: Excel holds at most 1 048 576. */
  maxFilas: number;
  /** Columns of a sheet or fields of a CSV record: Excel holds at most 16 384 (XFD). */
  maxColumnas: number;
  /** Characters in one line of a CSV (a record may span several lines when quoted). */
  maxLinea: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxBytes: 512 * MiB,
  maxDescomprimido: 2048 * MiB,
  maxRatio: 200,
  ratioDesde: 10 * MiB,
  maxEntradas: 10_000,
  maxCelda: 32_767,
  maxFilas: 1_048_576,
  maxColumnas: 16_384,
  maxLinea: MiB,
});

/** Environment variable for each limit. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = Object.freeze({
  maxBytes: 'PBR_MAX_BYTES',
  maxDescomprimido: 'PBR_MAX_DESCOMPRIMIDO',
  maxRatio: 'PBR_MAX_RATIO',
  ratioDesde: 'PBR_RATIO_DESDE',
  maxEntradas: 'PBR_MAX_ENTRADAS',
  maxCelda: 'PBR_MAX_CELDA',
  maxFilas: 'PBR_MAX_FILAS',
  maxColumnas: 'PBR_MAX_COLUMNAS',
  maxLinea: 'PBR_MAX_LINEA',
});

const SUFFIX: Record<string, number> = { '': 1, k: 1024, kb: 1024, kib: 1024, m: MiB, mb: MiB, mib: MiB, g: 1024 * MiB, gb: 1024 * MiB, gib: 1024 * MiB };

/** `512M`, `2g`, `32767`, `1_000_000` → a positive whole number; `null` when it is not one. */
export function parseLimitValue(text: string): number | null {
  const m = /^\s*(\d+(?:[_.]\d{3})*)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return null;
  const factor = SUFFIX[m[2].toLowerCase()];
  if (factor === undefined) return null;
  const n = Number(m[1].replace(/[_.]/g, '')) * factor;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The defaults, with any PBR_MAX_* variable set in `env` taking precedence. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env, base: Partial<Limits> = {}): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS, ...base };
  for (const key of Object.keys(LIMIT_ENV) as (keyof Limits)[]) {
    const raw = env[LIMIT_ENV[key]];
    if (raw === undefined || raw.trim() === '') continue;
    const n = parseLimitValue(raw);
    if (n === null) {
      throw new UsageError(`${LIMIT_ENV[key]}=${raw}: debe ser un número entero positivo (se aceptan los sufijos K, M y G).`);
    }
    limits[key] = n;
  }
  return limits;
}

/** `536870912` → `512 MiB`, for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * MiB && n % (1024 * MiB) === 0) return `${n / (1024 * MiB)} GiB`;
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MiB`.replace('.', ',');
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`.replace('.', ',');
  return `${n} bytes`;
}

/** es-CL thousands: `1.048.576`. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat('es-CL').format(n);
}

/** The name of the environment variable that raises a limit, for the end of a message. */
export function howToRaise(key: keyof Limits): string {
  return `(límite ajustable con ${LIMIT_ENV[key]})`;
}
