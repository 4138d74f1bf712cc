import type { ColumnaPlantilla, Plantilla } from './modelo.js';

export const HOJA_PRODUCTOS = 'Productos Estratégicos';

export const DIMENSIONES = ['Eficacia', 'Eficiencia', 'Economía', 'Calidad'];
export const AMBITOS = ['Proceso', 'Producto', 'Resultado Intermedio', 'Resultado Final'];
export const SENTIDOS = ['Ascendente', 'Descendente'];
export const UNIDADES = ['%', 'número', 'días', '$', 'por mil'];

const NUM = { tipo: 'decimal', min: 0 } as const;

/**
 * The tabular indicator template for formulation year `anio` (DOMAIN.md §1, layout 1): efectivo
 * of the two previous years, the meta of the last one (so cumplimiento can be computed), the
 * estimado of `anio` and its meta, each as numerador and denominador. Headers follow the
 * reader's grammar: part + kind + year (`Denominador Meta 2026`).
 */
export function plantillaIndicadores(anio: number): Plantilla {
  const anios: [string, string][] = [
    [`${anio - 2}`, `efectivo ${anio - 2}`],
    [`${anio - 1}`, `efectivo ${anio - 1}`],
    [`Meta ${anio - 1}`, `meta ${anio - 1}`],
    [`Estimado ${anio}`, `estimado ${anio}`],
    [`Meta ${anio}`, `meta ${anio}`],
  ];
  const porAnio: ColumnaPlantilla[] = anios.flatMap(([h, what]) => [
    { titulo: `Numerador ${h}`, ancho: 14, numFmt: '#,##0.00', numero: NUM, ayuda: `Numerador del ${what} (un número ≥ 0).` },
    { titulo: `Denominador ${h}`, ancho: 14, numFmt: '#,##0.00', numero: NUM, ayuda: `Denominador del ${what} (un número ≥ 0).` },
  ]);
  return {
    nombre: 'indicadores',
    hoja: 'Indicadores',
    columnas: [
      { titulo: 'Servicio', ancho: 30, ayuda: 'Institución o Gobierno Regional.' },
      {
        titulo: 'Producto Estratégico',
        ancho: 36,
        listaDe: { hoja: HOJA_PRODUCTOS, columna: 2 },
        ayuda: 'Producto estratégico al que se vincula el indicador (de la hoja «Productos Estratégicos»).',
      },
      { titulo: 'Indicador', ancho: 50, ayuda: 'Nombre del indicador.' },
      { titulo: 'Dimensión', ancho: 13, lista: 'Dimensión', ayuda: 'Eficacia, Eficiencia, Economía o Calidad.' },
      { titulo: 'Ámbito de Control', ancho: 20, lista: 'Ámbito', ayuda: 'Proceso, Producto, Resultado Intermedio o Resultado Final.' },
      { titulo: 'Fórmula', ancho: 40, ayuda: 'Fórmula de cálculo, p. ej. (N° respuestas en plazo / N° total de consultas)*100.' },
      { titulo: 'Unidad', ancho: 9, lista: 'Unidad', ayuda: '% (factor 100), número (factor 1), …' },
      { titulo: 'Sentido', ancho: 13, lista: 'Sentido', ayuda: 'Ascendente (más es mejor) o Descendente.' },
      { titulo: 'Ponderación', ancho: 12, numFmt: '0%', numero: { tipo: 'decimal', min: 0, max: 1 }, ayuda: 'Peso del indicador; las ponderaciones de un servicio suman 100 %.' },
      ...porAnio,
    ],
    // Seed (Coquimbo): 242/263 = 92,0 %, 262/281 = 93,2 %, meta 250/262 = 95,4 % (cumplimiento 97,7 %: cumple),
    // estimado 247/263 = 93,9 %, meta 250/262 = 95,4 %.
    ejemplo: [
      'Gobierno Regional de Coquimbo',
      'Administración financiera de la inversión del Gobierno Regional',
      'Porcentaje de respuestas oportunas (máximo cuatro días corridos) a las consultas realizadas en el buzón ciudadano durante el año t',
      'Calidad',
      'Producto',
      '(N° de respuestas en un plazo máximo de cuatro días corridos / N° total de consultas recibidas)*100',
      '%',
      'Ascendente',
      1,
      242, 263, 262, 281, 250, 262, 247, 263, 250, 262,
    ],
    extra: [
      {
        hoja: HOJA_PRODUCTOS,
        columnas: [
          { titulo: 'N°', ancho: 6, numFmt: '0', numero: { tipo: 'whole', min: 1 }, ayuda: 'Número del producto en el servicio.' },
          { titulo: 'Producto Estratégico', ancho: 60, ayuda: 'Nombre del producto estratégico.' },
          { titulo: 'Servicio', ancho: 30, ayuda: 'Servicio al que pertenece.' },
        ],
        filas: [[1, 'Administración financiera de la inversión del Gobierno Regional', 'Gobierno Regional de Coquimbo']],
      },
    ],
    listas: { 'Dimensión': DIMENSIONES, 'Ámbito': AMBITOS, Sentido: SENTIDOS, Unidad: UNIDADES },
    instrucciones: [
      'Plantilla de indicadores de desempeño (Presupuesto por Resultados)',
      '',
      'Una fila por indicador en la hoja "Indicadores". La fila 2 es un ejemplo con los datos del GORE Coquimbo: reemplácela o bórrela.',
      'Dimensión, Ámbito de Control, Unidad y Sentido se eligen de una lista desplegable.',
      'Los productos estratégicos se listan en la hoja «Productos Estratégicos» (también los que aún no tienen indicador); Producto Estratégico se elige de esa lista.',
      'Ponderación: el peso del indicador en el servicio (escriba 25 para 25 %); las de un mismo servicio deben sumar 100 %.',
      `Por cada año, el numerador y el denominador: efectivo ${anio - 2} y ${anio - 1}, meta ${anio - 1}, estimado ${anio} y meta ${anio}.`,
      'El valor es numerador / denominador × factor (factor 100 si la unidad es %). Si un año no aplica, deje ambas celdas vacías.',
      `Puede agregar columnas con el mismo formato: "Numerador ${anio - 3}", "Denominador Meta ${anio + 1}", "Meta ${anio}" (el valor declarado), …`,
      'Cumplimiento (año con meta y efectivo): efectivo / meta × 100 (ascendente) o meta / efectivo × 100 (descendente); cumple desde 95 %.',
      '',
      'Revise el archivo antes de enviarlo:',
      '  pbr indicadores validar archivo.xlsx',
      '  pbr indicadores calcular archivo.xlsx -o reporte.xlsx',
    ],
  };
}
