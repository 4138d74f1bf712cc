/**
 * A map from whole numbers in [0, 2^53) to numbers, in two Float64Arrays (open addressing,
 * linear probing, at most half full). For the duplicate check's 200 000 fingerprints: a `Map`
 * keeps each key and value as a separate heap number and a lookup chases them through memory;
 * here a lookup reads one or two slots of one array, and nothing is allocated per entry.
 */
export class TablaNumeros {
  private claves: Float64Array;
  private valores: Float64Array;
  private mascara: number;
  private n = 0;

  constructor(capacidadInicial = 1024) {
    const cap = 2 ** Math.ceil(Math.log2(Math.max(16, capacidadInicial)));
    this.claves = new Float64Array(cap).fill(-1);
    this.valores = new Float64Array(cap);
    this.mascara = cap - 1;
  }

  get size(): number {
    return this.n;
  }

  get(clave: number): number | undefined {
    const claves = this.claves;
    for (let i = ranura(clave) & this.mascara; ; i = (i + 1) & this.mascara) {
      const k = claves[i];
      if (k === clave) return this.valores[i];
      if (k === -1) return undefined;
    }
  }

  set(clave: number, valor: number): void {
    if (!(Number.isInteger(clave) && clave >= 0 && clave < 2 ** 53)) throw new RangeError(`TablaNumeros: clave fuera de rango (${clave})`);
    if ((this.n + 1) * 2 > this.claves.length) this.crecer();
    this.poner(clave, valor);
  }

  private poner(clave: number, valor: number): void {
    const claves = this.claves;
    let i = ranura(clave) & this.mascara;
    while (claves[i] !== -1 && claves[i] !== clave) i = (i + 1) & this.mascara;
    if (claves[i] === -1) this.n++;
    claves[i] = clave;
    this.valores[i] = valor;
  }

  private crecer(): void {
    const { claves, valores } = this;
    const cap = claves.length * 2;
    this.claves = new Float64Array(cap).fill(-1);
    this.valores = new Float64Array(cap);
    this.mascara = cap - 1;
    this.n = 0;
    for (let i = 0; i < claves.length; i++) if (claves[i] !== -1) this.poner(claves[i], valores[i]);
  }
}

/** The key's bits mixed into 32 (both halves: fingerprints are random, but any key must spread). */
function ranura(clave: number): number {
  const bajo = clave >>> 0;
  const alto = Math.floor(clave / 2 ** 32);
  return Math.imul(bajo ^ Math.imul(alto, 0x9e3779b1), 0x85ebca6b) >>> 0;
}
