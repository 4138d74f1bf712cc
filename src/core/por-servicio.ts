import { propio } from './text.js';

/**
 * What is kept per servicio while indicators go by, in the order servicios first appear. Rows
 * come grouped by servicio, so the previous row's entry is checked first: comparing two texts
 * is cheaper than hashing a fresh 50-character one into the map on each of 200 000 rows.
 * Keys are kept as copies (`propio`), never as slices of the file's pieces.
 */
export class PorServicio<V> {
  private readonly mapa = new Map<string | null, V>();
  private ultimo: { servicio: string | null; valor: V } | null = null;
  constructor(private readonly crear: (servicio: string | null) => V) {}

  /** The entry of `servicio`, made on its first row. */
  de(servicio: string | null): V {
    if (this.ultimo !== null && this.ultimo.servicio === servicio) return this.ultimo.valor;
    let valor = this.mapa.get(servicio);
    if (valor === undefined) {
      const clave = propio(servicio);
      valor = this.crear(clave);
      this.mapa.set(clave, valor);
    }
    this.ultimo = { servicio: propio(servicio), valor };
    return valor;
  }

  entries(): IterableIterator<[string | null, V]> {
    return this.mapa.entries();
  }

  values(): IterableIterator<V> {
    return this.mapa.values();
  }
}
