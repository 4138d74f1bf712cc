import { numeroTexto } from './csv.js';

/** An ASCII text as the bytes it is in UTF-8, for the constant pieces of a document. */
export const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');

const NULL = ascii('null');
const ESCAPAR = /["\\\u0000-\u001f\ud800-\udfff]/;
/** POTENCIA[e + 6] = 10^e and ESCALA[e + 6] = 10^(11 − e), for e from −6 to 10: every one exact but the negative powers' nearest doubles. */
const POTENCIA: number[] = [];
const ESCALA: number[] = [];
for (let e = -6; e <= 11; e++) {
  POTENCIA.push(Number(`1e${e}`));
  ESCALA.push(Number(`1e${11 - e}`));
}

/**
 * Compact JSON written straight into UTF-8 bytes, piece by piece: for the documents too large to
 * build as text first (a 200 000-indicator `calcular` is 260 MB). Building each indicator as a
 * string and encoding it cost about three times what writing its bytes does: the string's pieces,
 * the rope flattened, every number turned into text and the text then encoded. What it writes is
 * what `JSON.stringify` writes of the same values after `roundForOutput` (a test holds it to that).
 */
export class BytesJson {
  private b: Buffer;
  private n = 0;
  private readonly digitos = new Uint8Array(12);

  constructor(capacidad = 1 << 14) {
    this.b = Buffer.allocUnsafe(capacidad);
  }

  /** Starts a new piece (the bytes of the last one are no longer valid). */
  empezar(): void {
    this.n = 0;
  }

  /** The piece written since `empezar`: a view, valid until the next `empezar`. */
  bytes(): Buffer {
    return this.b.subarray(0, this.n);
  }

  /** Constant bytes (a key, a punctuation), made once with `ascii`. */
  lit(bytes: Uint8Array): void {
    this.cabe(bytes.length);
    this.b.set(bytes, this.n);
    this.n += bytes.length;
  }

  /** A text as a JSON string, or `null`. */
  texto(s: string | null): void {
    if (s === null) return this.lit(NULL);
    if (ESCAPAR.test(s)) {
      const j = JSON.stringify(s);
      this.cabe(j.length * 3);
      this.n += this.b.write(j, this.n, 'utf8');
      return;
    }
    this.cabe(s.length * 3 + 2);
    const b = this.b;
    b[this.n++] = 34; // "
    this.n += b.write(s, this.n, 'utf8');
    b[this.n++] = 34;
  }

  /**
   * A number as `numeroTexto` writes it (12 significant digits, floating noise off), or `null`
   * for none, NaN or infinite. The common cases are written digit by digit; the rest (huge, tiny,
   * or so near a rounding tie that the product below could round the other way) by numeroTexto.
   */
  numero(x: number | null | undefined): void {
    if (x == null || !Number.isFinite(x)) return this.lit(NULL);
    if (Number.isInteger(x)) return this.crudo(x); // an integer is its own rounding
    const a = x < 0 ? -x : x;
    if (a >= 1e-6 && a < 1e11) {
      // e with 10^e ≤ a < 10^(e+1); y = a × 10^(11 − e) has the 12 digits before its point.
      let i = 6;
      if (a >= 1) while (a >= POTENCIA[i + 1]) i++;
      else while (a < POTENCIA[i]) i--;
      const y = a * ESCALA[i];
      const r = Math.round(y);
      const f = y - r;
      // y is within 2⁻¹⁴ of the exact product (y < 2⁴⁰, the power of ten exact): away from a tie,
      // it rounds as the exact decimal value does, which is what toPrecision(12) rounds.
      if (f > -0.4999 && f < 0.4999 && r >= 1e11 && r < 1e12) return this.decimal(x < 0, r, i - 6);
    }
    this.textoAscii(numeroTexto(x));
  }

  /** A number written as it is, not rounded (an año, a factor), as JSON.stringify writes it; `null` for NaN or infinite. */
  crudo(x: number): void {
    if (!Number.isFinite(x)) return this.lit(NULL);
    if (Number.isInteger(x) && x > -2147483648 && x < 2147483648) return this.entero(x);
    this.textoAscii(String(x));
  }

  /** 12 significant digits r × 10^(e − 11), trailing zeros off. */
  private decimal(negativo: boolean, r: number, e: number): void {
    const d = this.digitos;
    let alto = Math.floor(r / 1e6);
    let bajo = r - alto * 1e6;
    for (let k = 11; k >= 6; k--) {
      const q = Math.floor(bajo / 10);
      d[k] = 48 + bajo - q * 10;
      bajo = q;
    }
    for (let k = 5; k >= 0; k--) {
      const q = Math.floor(alto / 10);
      d[k] = 48 + alto - q * 10;
      alto = q;
    }
    let fin = 12;
    while (fin > 1 && d[fin - 1] === 48) fin--;
    this.cabe(32);
    const b = this.b;
    let n = this.n;
    if (negativo) b[n++] = 45; // -
    if (e >= 0) {
      // e + 1 digits before the point, those after it up to the last that is not 0.
      for (let k = 0; k <= e; k++) b[n++] = d[k];
      if (fin > e + 1) {
        b[n++] = 46; // .
        for (let k = e + 1; k < fin; k++) b[n++] = d[k];
      }
    } else {
      b[n++] = 48;
      b[n++] = 46; // 0.
      for (let k = e + 1; k < 0; k++) b[n++] = 48;
      for (let k = 0; k < fin; k++) b[n++] = d[k];
    }
    this.n = n;
  }

  /** An integer of 32 bits. */
  private entero(v: number): void {
    this.cabe(12);
    const b = this.b;
    if (v < 0) {
      b[this.n++] = 45;
      v = -v;
    }
    let largo = 1;
    for (let p = 10; p <= v && largo < 10; p *= 10) largo++;
    let i = (this.n += largo);
    do {
      const q = Math.floor(v / 10);
      b[--i] = 48 + v - q * 10;
      v = q;
    } while (v > 0);
  }

  private textoAscii(s: string): void {
    this.cabe(s.length);
    this.n += this.b.write(s, this.n, 'latin1');
  }

  private cabe(extra: number): void {
    if (this.n + extra <= this.b.length) return;
    const mayor = Buffer.allocUnsafe(Math.max(this.b.length * 2, this.n + extra));
    this.b.copy(mayor, 0, 0, this.n);
    this.b = mayor;
  }
}

/** The JSON bytes of the last text asked, kept: a field that repeats row after row (servicio, producto) is encoded once. */
export class TextoBytesRecordado {
  private ultimo: string | null | undefined = undefined;
  private json: Buffer = NULL;
  private readonly escritor = new BytesJson(256);
  of(s: string | null): Buffer {
    if (s !== this.ultimo) {
      this.ultimo = s;
      this.escritor.empezar();
      this.escritor.texto(s);
      this.json = Buffer.from(this.escritor.bytes());
    }
    return this.json;
  }
}
