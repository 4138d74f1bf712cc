import { createInflateRaw } from 'node:zlib';
import type { Limits } from './limits.js';
import { entryData, readCentralDirectory } from './zip-guard.js';

/**
 * Deeper than any part Excel writes (a worksheet nests 5–6 levels, a drawing some 20): a part
 * nested further was fabricated, and exceljs trips over it with a message of its own.
 */
export const MAX_PROFUNDIDAD_XML = 256;

const TEXTO = 0;
const MENOR = 1; // just after `<`
const APERTURA = 2; // inside `<tag …`
const COMILLAS = 3; // inside "…" of an opening tag
const APOSTROFOS = 4; // inside '…' of an opening tag
const CIERRE = 5; // inside `</tag …`
const ESPECIAL = 6; // inside `<?…?>` or `<!…>`

/**
 * Element nesting of an XML text fed chunk by chunk: an opening tag adds a level (a
 * self-closing one only while it lasts), a closing tag takes one off. Attribute values may hold `>`.
 */
export class ProfundidadXml {
  maxima = 0;
  private estado = TEXTO;
  private nivel = 0;
  private barra = false;

  feed(buf: Buffer): void {
    let { estado, nivel, maxima, barra } = this;
    for (let i = 0, n = buf.length; i < n; i++) {
      const b = buf[i];
      switch (estado) {
        case TEXTO:
          if (b === 0x3c) estado = MENOR;
          break;
        case MENOR:
          if (b === 0x2f) estado = CIERRE;
          else if (b === 0x21 || b === 0x3f) estado = ESPECIAL;
          else {
            estado = APERTURA;
            barra = false;
          }
          break;
        case APERTURA:
          if (b === 0x22) estado = COMILLAS;
          else if (b === 0x27) estado = APOSTROFOS;
          else if (b === 0x3e) {
            estado = TEXTO;
            if (nivel + 1 > maxima) maxima = nivel + 1;
            if (!barra) nivel++;
          }
          barra = b === 0x2f;
          break;
        case COMILLAS:
          if (b === 0x22) estado = APERTURA;
          break;
        case APOSTROFOS:
          if (b === 0x27) estado = APERTURA;
          break;
        case CIERRE:
          if (b === 0x3e) {
            estado = TEXTO;
            nivel--;
          }
          break;
        default:
          if (b === 0x3e) estado = TEXTO;
      }
    }
    Object.assign(this, { estado, nivel, maxima, barra });
  }
}

/**
 * The first XML part of an .xlsx nested deeper than MAX_PROFUNDIDAD_XML, with how deep it got.
 * Asked only after exceljs failed, to say why: it inflates the parts again (the zip was
 * already inspected, so within the limits) and stops at the first one too deep.
 */
export async function xmlDemasiadoProfundo(buf: Buffer, file: string, limits: Limits): Promise<{ parte: string; profundidad: number } | null> {
  for (const e of readCentralDirectory(buf, file, limits)) {
    if (!/\.(xml|rels|vml)$/i.test(e.name)) continue;
    const p = new ProfundidadXml();
    const data = entryData(buf, e, file);
    if (e.method === 0) p.feed(data);
    else await inflarCon(data, p);
    if (p.maxima > MAX_PROFUNDIDAD_XML) return { parte: e.name, profundidad: p.maxima };
  }
  return null;
}

function inflarCon(data: Buffer, p: ProfundidadXml): Promise<void> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    inflate.on('data', (chunk: Buffer) => {
      p.feed(chunk);
      if (p.maxima > MAX_PROFUNDIDAD_XML) {
        inflate.destroy();
        resolve();
      }
    });
    // A part that does not inflate was refused by the inspection; here it is only not too deep.
    inflate.on('error', () => resolve());
    inflate.on('end', () => resolve());
    inflate.on('close', () => resolve());
    inflate.end(data);
  });
}
