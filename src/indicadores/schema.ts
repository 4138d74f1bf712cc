import { z } from 'zod';
import { AMBITOS, DIMENSIONES } from './vocabulario.js';

/** Where a value came from: the cell as Excel names it. */
export const celdaSchema = z.object({
  sheet: z.string(),
  address: z.string(),
  row: z.number().int().positive(),
  col: z.number().int().positive(),
});
export type Celda = z.infer<typeof celdaSchema>;

export const TIPOS = ['efectivo', 'estimado', 'meta'] as const;
export type TipoMedicion = (typeof TIPOS)[number];

/** A number as read: its value (in the indicator's units), the precision written, its cell. */
export const numeroLeidoSchema = z.object({
  value: z.number().finite(),
  /** Decimals written; `null` when the cell holds a full-precision number (a formula result). */
  decimals: z.number().int().nonnegative().nullable(),
  percent: z.boolean(),
  celda: celdaSchema,
});
export type NumeroLeido = z.infer<typeof numeroLeidoSchema>;

/** One year and kind of an indicator: efectivo 2010, estimado 2011, meta 2012. */
export const medicionSchema = z.object({
  anio: z.number().int().min(1900).max(2200),
  tipo: z.enum(TIPOS),
  numerador: numeroLeidoSchema.nullable(),
  denominador: numeroLeidoSchema.nullable(),
  declarado: numeroLeidoSchema.nullable(),
  noAplica: z.boolean(),
  /** A cell of it could not be read (already reported): no further checks on it. */
  ilegible: z.boolean(),
});
export type Medicion = z.infer<typeof medicionSchema>;

export const indicadorSchema = z.object({
  servicio: z.string().nullable(),
  producto: z.string().nullable(),
  nombre: z.string().min(1),
  dimension: z.enum(DIMENSIONES).nullable(),
  ambito: z.enum(AMBITOS).nullable(),
  formula: z.string().nullable(),
  unidad: z.string().nullable(),
  /** valor = numerador / denominador × factor. */
  factor: z.number().positive(),
  sentido: z.enum(['ascendente', 'descendente']),
  /** Weight in the servicio's set, in % (20 means 20 %). */
  ponderacion: z.number().nullable(),
  celdaPonderacion: celdaSchema.nullable(),
  mediciones: z.array(medicionSchema),
  /** Supuestos, notas and medios de verificación: carried through, never computed (DOMAIN.md §1). */
  supuestos: z.string().nullable(),
  notas: z.string().nullable(),
  mediosVerificacion: z.string().nullable(),
  /** Other texts of the indicator's rows (the presentation layout's numerador and denominador lines). */
  extras: z.record(z.string(), z.string()),
  /** The indicator's row (its name cell). */
  celda: celdaSchema,
});
export type Indicador = z.infer<typeof indicadorSchema>;

export const productoSchema = z.object({
  servicio: z.string().nullable(),
  numero: z.number().int().nullable(),
  nombre: z.string().min(1),
});
export type Producto = z.infer<typeof productoSchema>;

export interface LibroIndicadores {
  archivo: string;
  hojas: string[];
  layout: 'tabular' | 'presentacion' | 'mixto';
  indicadores: Indicador[];
  /** From a products sheet; `null` when the workbook has none. */
  productos: Producto[] | null;
}
