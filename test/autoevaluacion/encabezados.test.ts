import { describe, expect, it } from 'vitest';
import { clasificarEncabezado, parseCodigoElemento } from '../../src/autoevaluacion/encabezados.js';
import { MODELO_INTEGRADO } from '../../src/autoevaluacion/modelo.js';

describe('encabezados de criterio', () => {
  it.each([
    ['1. LIDERAZGO', 0],
    ['Liderazgo', 0],
    ['Criterio 1', 0],
    ['C1', 0],
    ['2. CIUDADANIA, SOCIOS Y COLABORADORES', 1],
    ['Ciudadanía', 1],
    ['3.PERSONAS', 2],
    ['4 PLANIFICACION ESTRATEGICA REGIONAL', 3],
    ['5. GESTION DE INVERSIONES Y DESARROLLO REGIONAL', 4],
    ['Gestión de recursos', 5],
    ['7. PLANIFICACION INSTITUCIONAL', 6],
    ['Planificación institucional, información y conocimiento', 6],
    ['8. RESULTADOS', 7],
    ['Resultados', 7],
  ])('«%s» es el criterio %s (índice)', (texto, indice) => {
    expect(clasificarEncabezado(texto, MODELO_INTEGRADO)).toEqual({ tipo: 'criterio', indice });
  });

  it.each([
    ['GORE', 'gore'],
    ['Región', 'gore'],
    ['Gobierno Regional', 'gore'],
    ['Total', 'total'],
    ['Validación 2013', 'total'],
    ['Puntaje total', 'total'],
    ['Año', 'ciclo'],
    ['Ciclo', 'ciclo'],
    ['Elemento', 'elemento'],
    ['Puntaje', 'puntaje'],
    ['N°', 'ignorada'],
    ['1.1 Liderazgo interno', 'subcriterio'],
    ['Planificación', 'otra'],
    ['Coquimbo', 'otra'],
    ['Criterio 9', 'otra'],
  ])('«%s» es %s', (texto, tipo) => {
    expect(clasificarEncabezado(texto, MODELO_INTEGRADO).tipo).toBe(tipo);
  });
});

describe('códigos de elemento', () => {
  it.each([
    ['1.1.a', '1.1.a'],
    ['1.1.A', '1.1.a'],
    ['1.1 a', '1.1.a'],
    ['1.1a', '1.1.a'],
    ['7.2.g) Evaluación', '7.2.g'],
    ['01.02.c', '1.2.c'],
    ['1.1', null],
    ['1.1 Liderazgo interno', null],
    ['Liderazgo', null],
  ])('«%s» → %s', (texto, esperado) => expect(parseCodigoElemento(texto)).toBe(esperado));
});
