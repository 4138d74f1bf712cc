import type { Columna, Valor } from './model.js';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number, minDecimals = decimals): Intl.NumberFormat {
  const key = `${decimals}/${minDecimals}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('es-CL', { maximumFractionDigits: decimals, minimumFractionDigits: minDecimals });
    cache.set(key, f);
  }
  return f;
}

/** 1234.5 → "1.234,5" (es-CL). */
export function formatNumero(n: number, decimals = 2, minDecimals = 0): string {
  return formatter(decimals, Math.min(minDecimals, decimals)).format(n);
}

/** 95.43 (already × 100) → "95,4%". */
export function formatPorcentaje(n: number, decimals = 1): string {
  return `${formatter(decimals, decimals).format(n)}%`;
}

/** A cell of a table as people read it. */
export function formatValor(v: Valor, col: Columna): string {
  if (v == null) return '';
  if (typeof v === 'boolean') return v ? 'sí' : 'no';
  if (typeof v === 'string') return v;
  switch (col.tipo) {
    case 'entero':
      return formatNumero(v, 0);
    case 'porcentaje':
      return formatPorcentaje(v, col.decimales ?? 1);
    case 'numero':
      return formatNumero(v, col.decimales ?? 2);
    default:
      return String(v);
  }
}
