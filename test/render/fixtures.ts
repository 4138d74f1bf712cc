import type { Issue, ValidationReport } from '../../src/core/report.js';
import type { Resultado } from '../../src/render/model.js';

/** A small result with every column kind, an estilo of each sort and a formula column. */
export function resultadoEjemplo(): Resultado {
  return {
    comando: 'indicadores calcular',
    archivos: ['datos.xlsx'],
    json: {},
    tablas: [
      {
        nombre: 'valores',
        titulo: 'Valores | por indicador',
        columnas: [
          { clave: 'indicador', titulo: 'Indicador', tipo: 'texto' },
          { clave: 'numerador', titulo: 'Numerador', tipo: 'numero', decimales: 0 },
          { clave: 'denominador', titulo: 'Denominador', tipo: 'numero', decimales: 0 },
          { clave: 'factor', titulo: 'Factor', tipo: 'entero' },
          { clave: 'valor', titulo: 'Valor', tipo: 'numero', decimales: 1, formula: '{numerador}/{denominador}*{factor}' },
          { clave: 'cumplimiento', titulo: 'Cumplimiento', tipo: 'porcentaje', estilo: 'cumplimiento' },
          { clave: 'logro', titulo: '% logro', tipo: 'porcentaje', estilo: 'logro', formula: '{numerador}/{denominador}*100' },
          { clave: 'mejora', titulo: '% mejora', tipo: 'porcentaje', estilo: 'mejora' },
          { clave: 'cumple', titulo: 'Cumple', tipo: 'texto' },
        ],
        filas: [
          { indicador: 'Respuestas oportunas', numerador: 1078, denominador: 1142, factor: 100, valor: (1078 / 1142) * 100, cumplimiento: 97.7, logro: (1078 / 1142) * 100, mejora: 13.8, cumple: true },
          { indicador: '=HYPERLINK("http://x.example","clic")', numerador: null, denominador: 0, factor: 100, valor: null, cumplimiento: 141.7, logro: null, mejora: -2, cumple: false },
        ],
        totales: [{ indicador: 'Total', numerador: 1078, denominador: 1142, factor: null, valor: null, cumplimiento: 75, logro: null, mejora: null, cumple: null }],
        notas: ['Una nota.'],
      },
    ],
  };
}

export function issue(p: Partial<Issue>): Issue {
  return { codigo: 'valor-inconsistente', severidad: 'error', archivo: 'a.xlsx', hoja: 'Indicadores', celda: 'Indicadores!K2', fila: 2, columna: 'K', valor: 0.81, mensaje: 'No coincide.', ...p };
}

export function reporte(p: Partial<ValidationReport>): ValidationReport {
  return { archivo: 'a.xlsx', tipo: 'indicadores', hoja: 'Indicadores', valido: true, issues: [], notas: [], ...p };
}
