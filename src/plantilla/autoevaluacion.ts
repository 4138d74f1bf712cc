import type { ColumnaPlantilla, Plantilla } from './modelo.js';

/** The 16 regions by their official names (DOMAIN.md §2), north to south. */
export const GORES = [
  'Arica y Parinacota',
  'Tarapacá',
  'Antofagasta',
  'Atacama',
  'Coquimbo',
  'Valparaíso',
  'Metropolitana de Santiago',
  "Libertador General Bernardo O'Higgins",
  'Maule',
  'Ñuble',
  'Biobío',
  'La Araucanía',
  'Los Ríos',
  'Los Lagos',
  'Aysén del General Carlos Ibáñez del Campo',
  'Magallanes y de la Antártica Chilena',
];

/** The 8 criterios of the Modelo de Gestión de Calidad and their máximos (500 points). */
export const CRITERIOS: [string, number][] = [
  ['1. Liderazgo', 45],
  ['2. Ciudadanía, Socios y Colaboradores', 40],
  ['3. Personas', 60],
  ['4. Planificación Estratégica Regional', 75],
  ['5. Gestión de Inversiones y Desarrollo Regional', 90],
  ['6. Gestión de Recursos', 50],
  ['7. Planificación Institucional, Información y Conocimiento', 40],
  ['8. Resultados', 100],
];

/** The resumen template: one row per GORE and ciclo, one column per criterio, and the Total. */
export function plantillaAutoevaluacion(anio: number): Plantilla {
  const criterios: ColumnaPlantilla[] = CRITERIOS.map(([titulo, maximo]) => ({
    titulo,
    ancho: Math.max(14, Math.min(24, titulo.length)),
    numFmt: '0.0',
    numero: { tipo: 'decimal', min: 0, max: maximo },
    ayuda: `Puntaje del criterio, de 0 a ${maximo}.`,
  }));
  return {
    nombre: 'autoevaluacion',
    hoja: 'Resumen',
    columnas: [
      { titulo: 'GORE', ancho: 40, lista: 'GORE', ayuda: 'Gobierno Regional (elija de la lista).' },
      { titulo: 'Ciclo', ancho: 8, numFmt: '0', numero: { tipo: 'whole', min: 2000, max: 2100 }, ayuda: 'Año del ciclo de autoevaluación.' },
      ...criterios,
      { titulo: 'Total', ancho: 10, numFmt: '0.0', numero: { tipo: 'decimal', min: 0, max: 500 }, ayuda: 'Suma de los 8 criterios (0 a 500).' },
    ],
    // Coquimbo's 2013 total is the seed's (238); the split by criterio is an example.
    ejemplo: ['Coquimbo', anio, 20, 15, 30, 38, 45, 25, 20, 45, 238],
    listas: { GORE: GORES },
    instrucciones: [
      'Plantilla de autoevaluación de los Gobiernos Regionales (Modelo de Gestión de Calidad, 500 puntos)',
      '',
      'Una fila por GORE y ciclo en la hoja "Resumen". La fila 2 es un ejemplo (GORE Coquimbo): reemplácela o bórrela.',
      'GORE se elige de una lista desplegable con los 16 nombres oficiales.',
      'Cada criterio va de 0 a su máximo: ' + CRITERIOS.map(([t, m]) => `${t} (${m})`).join('; ') + '.',
      'Total es la suma de los 8 criterios; si no coincide, validar lo informa como error.',
      '',
      'Revise el archivo antes de enviarlo:',
      '  pbr autoevaluacion validar archivo.xlsx',
      '  pbr autoevaluacion calcular archivo.xlsx -o reporte.xlsx',
    ],
  };
}
