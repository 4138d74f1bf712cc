import type { Issue, ValidationReport } from '../core/report.js';
import type { Resultado, Tabla } from './model.js';

/** The result of `validar`: one row per issue, and per file whether it is valid. */
export function validacionResultado(comando: string, reports: ValidationReport[]): Resultado {
  const issues: Issue[] = reports.flatMap((r) => r.issues);
  const tabla: Tabla = {
    nombre: 'problemas',
    titulo: `Validación: ${reports.length} archivo(s), ${countSev(issues, 'error')} error(es), ${countSev(issues, 'advertencia')} advertencia(s)`,
    columnas: [
      { clave: 'severidad', titulo: 'Severidad', tipo: 'texto' },
      { clave: 'codigo', titulo: 'Código', tipo: 'texto' },
      { clave: 'ubicacion', titulo: 'Ubicación', tipo: 'texto' },
      { clave: 'valor', titulo: 'Valor', tipo: 'texto' },
      { clave: 'mensaje', titulo: 'Mensaje', tipo: 'texto' },
    ],
    filas: issues.map((i) => ({
      severidad: i.severidad,
      codigo: i.codigo,
      ubicacion: ubicacion(i),
      valor: i.valor == null ? '' : String(i.valor),
      mensaje: i.mensaje,
    })),
    notas: reports.map((r) => `${r.archivo}: ${r.valido ? 'válido' : 'NO válido'}${r.hoja ? ` (hoja ${r.hoja})` : ''}.`).concat(reports.flatMap((r) => r.notas)),
  };
  return {
    comando,
    archivos: reports.map((r) => r.archivo),
    tablas: [tabla],
    json: {
      valido: reports.every((r) => r.valido),
      archivos: reports.map((r) => ({
        archivo: r.archivo,
        tipo: r.tipo,
        hoja: r.hoja,
        valido: r.valido,
        errores: countSev(r.issues, 'error'),
        advertencias: countSev(r.issues, 'advertencia'),
        porCodigo: countByCode(r.issues),
        issues: r.issues,
        notas: r.notas,
      })),
    },
  };
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
