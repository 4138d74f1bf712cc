import type { IssueCollector } from '../core/report.js';
import { normalizeWords } from '../core/text.js';
import type { Cell } from '../io/cell.js';
import { reconcileRegion, type Region } from './regiones.js';

/**
 * Who a row scores. A GORE column (`GORE`, `Región`) names one of the 16 regions, reconciled
 * however it is spelled; any other entity column (`Municipio`, `Comuna`, `Servicio`, `Entidad`)
 * names its entities freely, matched by name without case, accents or extra spaces.
 */
export type TipoEntidad = 'gore' | 'otra';

export interface Entidad {
  /** What makes two rows the same entity: a region's numeral (`VIII`), or the name's key (`municipalidad de nunoa`). */
  clave: string;
  /** As pbr prints it: a region's official short name, else the name as the file first wrote it. */
  nombre: string;
  /** The region, when the entity is a GORE. */
  region: Region | null;
  /** Listing order: north to south for GOREs, else order of first appearance. */
  orden: number;
}

/** The region's entity: its numeral is its key. */
export function entidadDeRegion(region: Region): Entidad {
  return { clave: region.numero, nombre: region.nombre, region, orden: region.orden };
}

/** `  Municipalidad de  Ñuñoa ` and `municipalidad de nunoa` are one entity. */
export function claveEntidad(nombre: string): string {
  return normalizeWords(nombre);
}

/**
 * Tells the entities of one table apart, and says when a name is not one (an unknown region)
 * or comes twice where it may come once (`unica`). Unknown names are reported once each.
 */
export class RegistroEntidades {
  private readonly porNombre = new Map<string, Entidad | null>();
  private readonly porClave = new Map<string, Entidad>();
  constructor(readonly tipo: TipoEntidad) {}

  /** The entity a cell names; `null` (reported at the cell) when it is an unknown region. */
  entidad(nombre: string, cell: Cell, issues: IssueCollector): Entidad | null {
    const hit = this.porNombre.get(nombre);
    if (hit !== undefined) return hit;
    let e: Entidad | null;
    if (this.tipo === 'gore') {
      const region = reconcileRegion(nombre);
      if (!region) {
        issues.error('region-desconocida', `«${nombre}» no es una de las 16 regiones de Chile (se aceptan el nombre oficial, el corto, «Región de …» o el número romano; para municipios u otras entidades, titule la columna Municipio, Comuna, Servicio o Entidad).`, cell, nombre);
      }
      e = region ? entidadDeRegion(region) : null;
    } else {
      const clave = claveEntidad(nombre);
      e = this.porClave.get(clave) ?? { clave, nombre, region: null, orden: this.porClave.size + 1 };
      this.porClave.set(clave, e);
    }
    // Names are cached while few: a file with more distinct names than this is already odd.
    if (this.porNombre.size < 100_000) this.porNombre.set(nombre, e);
    return e;
  }
}

/** What a message calls an entity: the GORE as pbr names it, and as the file wrote it when that differs. */
export function quien(e: Entidad | null, escrito: string): string {
  if (!e) return `«${escrito}»`;
  return e.nombre === escrito || !e.region ? e.nombre : `${e.nombre} («${escrito}»)`;
}
