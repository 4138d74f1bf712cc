import type { Issue, ValidationReport } from '../core/report.js';
import type { Limite, Resultado, Tabla, Validacion } from './model.js';

export interface ValidacionOptions {
  /** `--estricto`: a file with warnings is not valid. */
  estricto?: boolean;
  /** `--max-errores N`: at most N issues in the report (counts still cover every issue). */
  maxErrores?: number;
}

/** Version of the `validar` JSON report's schema, `schemas/validacion.schema.json`. */
export const VALIDACION_SCHEMA = 'https://pbr.cl/schemas/validacion/1.json';

/** The result of `validar`: one row per issue, and per file whether it is valid. */
export function validacionResultado(comando: string, fullReports: ValidationReport[], opts: ValidacionOptions = {}): Resultado {
  const estricto = !!opts.estricto;
  const all: Issue[] = fullReports.flatMap((r) => r.issues);
  const { reports, limite } = capReports(
    fullReports.map((r) => ({ ...r, valido: r.valido && !(estricto && r.issues.some((i) => i.severidad === 'advertencia')) })),
    opts.maxErrores,
  );
  const issues: Issue[] = reports.flatMap((r) => r.issues);
  const validacion: Validacion = { reportes: reports, errores: countSev(all, 'error'), advertencias: countSev(all, 'advertencia'), estricto, limite };
  const notasLimite = limite ? [`Reporte limitado a ${limite.maximo} problema(s) por --max-errores: se omitieron ${limite.omitidos}.`] : [];
  const notasEstricto = estricto ? ['--estricto: las advertencias hacen inválido el archivo.'] : [];
  const tabla: Tabla = {
    nombre: 'problemas',
    titulo: `Validación: ${reports.length} archivo(s), ${validacion.errores} error(es), ${validacion.advertencias} advertencia(s)`,
    columnas: [
      { clave: 'severidad', titulo: 'Severidad', tipo: 'texto' },
      { clave: 'codigo', titulo: 'Código', tipo: 'texto' },
      { clave: 'ubicacion', titulo: 'Ubicación', tipo: 'texto' },
      // Text and numbers mixed, left-aligned: a number shown es-CL (141,67); JSON and CSV keep it raw.
      { clave: 'valor', titulo: 'Valor', tipo: 'texto', decimales: 2 },
      { clave: 'mensaje', titulo: 'Mensaje', tipo: 'texto' },
    ],
    filas: issues.map((i) => ({
      severidad: i.severidad,
      codigo: i.codigo,
      ubicacion: ubicacion(i),
      valor: i.valor,
      mensaje: i.mensaje,
    })),
    notas: reports
      .map((r) => `${r.archivo}: ${r.valido ? 'válido' : 'NO válido'}${r.hoja ? ` (hoja ${r.hoja})` : ''}.`)
      .concat(reports.flatMap((r) => r.notas), notasLimite, notasEstricto),
  };
  return {
    comando,
    archivos: reports.map((r) => r.archivo),
    tablas: [tabla],
    validacion,
    json: {
      $schema: VALIDACION_SCHEMA,
      valido: reports.every((r) => r.valido),
      estricto,
      errores: validacion.errores,
      advertencias: validacion.advertencias,
      truncado: limite,
      archivos: reports.map((r, k) => {
        const full = fullReports[k].issues;
        return {
          archivo: r.archivo,
          tipo: r.tipo,
          hoja: r.hoja,
          valido: r.valido,
          errores: countSev(full, 'error'),
          advertencias: countSev(full, 'advertencia'),
          porCodigo: countByCode(full),
          issues: r.issues,
          notas: r.notas,
        };
      }),
    },
  };
}

/** Keeps the first `max` issues across the files, in order; says how many were left out. */
function capReports(reports: ValidationReport[], max: number | undefined): { reports: ValidationReport[]; limite: Limite | null } {
  const total = reports.reduce((n, r) => n + r.issues.length, 0);
  if (max == null || total <= max) return { reports, limite: null };
  let left = max;
  const capped = reports.map((r) => {
    const issues = r.issues.slice(0, Math.max(0, left));
    left -= issues.length;
    return { ...r, issues };
  });
  return { reports: capped, limite: { maximo: max, omitidos: total - max } };
}

/** `archivo.xlsx, Indicadores!C3` or `archivo.csv, línea 3, columna C`. */
export function ubicacion(i: Issue): string {
  if (i.celda && i.hoja) return `${i.archivo}, ${i.celda}`;
  if (i.fila != null && i.columna) return `${i.archivo}, línea ${i.fila}, columna ${i.columna}`;
  if (i.fila != null) return `${i.archivo}, ${i.hoja ? `hoja ${i.hoja}, ` : ''}fila ${i.fila}`;
  if (i.hoja) return `${i.archivo}, hoja ${i.hoja}`;
  return i.archivo;
}

function countSev(issues: Issue[], s: Issue['severidad']): number {
  return issues.filter((i) => i.severidad === s).length;
}

function countByCode(issues: Issue[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.codigo] = (out[i.codigo] ?? 0) + 1;
  return out;
}
