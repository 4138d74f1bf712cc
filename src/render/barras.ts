/**
 * A plain bar for a terminal: two values on one scale. `█` up to the lower of the two, then
 * `░` up to the second when it is higher (an improvement) or `▒` back to the first when it is
 * lower (a decline), blanks to the end. No colour: it reads the same in any terminal.
 */
export function barraComparacion(a: number, b: number, maximo: number, ancho = 20): string {
  const cells = (v: number) => Math.max(0, Math.min(ancho, Math.round((v / maximo) * ancho)));
  const ca = cells(a);
  const cb = cells(b);
  const lo = Math.min(ca, cb);
  const hi = Math.max(ca, cb);
  return '█'.repeat(lo) + (cb >= ca ? '░' : '▒').repeat(hi - lo) + ' '.repeat(ancho - hi);
}
