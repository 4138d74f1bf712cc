/** es-CL number formatting, for messages and tables: 1234.5 → "1.234,5", 95.43 → "95,4%". */
const cache = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number, minDecimals: number): Intl.NumberFormat {
  const key = `${decimals}/${minDecimals}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('es-CL', { maximumFractionDigits: decimals, minimumFractionDigits: minDecimals });
    cache.set(key, f);
  }
  return f;
}

/** 1234.5 → "1.234,5" (es-CL), at most `decimals` decimals and at least `minDecimals`. */
export function formatNumero(n: number, decimals = 2, minDecimals = 0): string {
  return formatter(decimals, Math.min(minDecimals, decimals)).format(n);
}

/** 95.43 (already × 100) → "95,4%". */
export function formatPorcentaje(n: number, decimals = 1): string {
  return `${formatter(decimals, decimals).format(n)}%`;
}
