import { formatNumero, formatPorcentaje } from '../core/numero-es.js';
import type { Columna, Valor } from './model.js';

export { formatNumero, formatPorcentaje };

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
      return col.decimales == null ? String(v) : formatNumero(v, col.decimales);
  }
}
