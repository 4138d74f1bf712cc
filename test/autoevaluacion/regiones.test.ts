import { describe, expect, it } from 'vitest';
import { REGIONES, reconcileRegion } from '../../src/autoevaluacion/regiones.js';

describe('reconcileRegion', () => {
  it.each([
    ['Arica y Parinacota', 'Arica y Parinacota'],
    ['XV', 'Arica y Parinacota'],
    ['XV Región', 'Arica y Parinacota'],
    ['Región de Arica y Parinacota', 'Arica y Parinacota'],
    ['Tarapaca', 'Tarapacá'],
    ['I', 'Tarapacá'],
    ['Región I', 'Tarapacá'],
    ['GORE Antofagasta', 'Antofagasta'],
    ['Gobierno Regional de Atacama', 'Atacama'],
    ['IV Región', 'Coquimbo'],
    ['Valparaiso', 'Valparaíso'],
    ['V', 'Valparaíso'],
    ['Metropolitana', 'Metropolitana'],
    ['Región Metropolitana de Santiago', 'Metropolitana'],
    ['RM', 'Metropolitana'],
    ['XIII', 'Metropolitana'],
    ['R.M.', 'Metropolitana'],
    ['Ohiggins', "O'Higgins"],
    ["O'Higgins", "O'Higgins"],
    ["Región del Libertador General Bernardo O'Higgins", "O'Higgins"],
    ['VI', "O'Higgins"],
    ['Región del Maule', 'Maule'],
    ['Ñuble', 'Ñuble'],
    ['Nuble', 'Ñuble'],
    ['XVI', 'Ñuble'],
    ['Bio-Bio', 'Biobío'],
    ['Bío Bío', 'Biobío'],
    ['Región del Biobío', 'Biobío'],
    ['BIOBIO', 'Biobío'],
    ['VIII', 'Biobío'],
    ['Biobío (VIII)', 'Biobío'],
    ['Araucanía', 'La Araucanía'],
    ['Región de La Araucanía', 'La Araucanía'],
    ['IX', 'La Araucanía'],
    ['Los Rios', 'Los Ríos'],
    ['XIV', 'Los Ríos'],
    ['Los Lagos', 'Los Lagos'],
    ['X', 'Los Lagos'],
    ['Aysén', 'Aysén'],
    ['Aisén', 'Aysén'],
    ['Aysén del General Carlos Ibáñez del Campo', 'Aysén'],
    ['XI', 'Aysén'],
    ['Magallanes', 'Magallanes'],
    ['Región de Magallanes y de la Antártica Chilena', 'Magallanes'],
    ['XII', 'Magallanes'],
    // Official names as GORE files write them, with their variants and abbreviations.
    ['Gobierno Regional Metropolitano de Santiago', 'Metropolitana'],
    ['Gobierno Regional de Los Ríos', 'Los Ríos'],
    ['GORE Los Ríos', 'Los Ríos'],
    ['Región de Magallanes y la Antártica Chilena', 'Magallanes'],
    ['Magallanes y Antártica Chilena (XII)', 'Magallanes'],
    ['Región del Libertador Gral. Bernardo O’Higgins', "O'Higgins"],
    ["Región del Libertador Bernardo O'Higgins", "O'Higgins"],
    // Arabic numbers: each region's Roman number's value (RM = XIII = 13).
    ['14', 'Los Ríos'],
    ['Región 8', 'Biobío'],
    ['8 Región', 'Biobío'],
    ['Región 08', 'Biobío'],
    ['Región XIV', 'Los Ríos'],
    ['13', 'Metropolitana'],
    ['Región 13', 'Metropolitana'],
    ['15', 'Arica y Parinacota'],
    ['16', 'Ñuble'],
    ['1', 'Tarapacá'],
    ['Los Ríos (14)', 'Los Ríos'],
    ['Magallanes (12)', 'Magallanes'],
  ])('«%s» → %s', (texto, nombre) => {
    expect(reconcileRegion(texto)?.nombre).toBe(nombre);
  });

  it.each([['Springfield'], ['Región de Springfield'], ['XVII'], ['Región'], [''], ['Los'], ['Biobío (IX)'], ['Total'], ['Los Ríos (X)'], ['Los Ríos (10)'], ['Región 8 (IX)'], ['0'], ['17'], ['Región 17'], ['Criterio 1'], ['Región de']])('«%s» no es una región', (texto) => {
    expect(reconcileRegion(texto)).toBeNull();
  });

  it('hay 16 regiones con números romanos distintos', () => {
    expect(REGIONES).toHaveLength(16);
    expect(new Set(REGIONES.map((r) => r.numero)).size).toBe(16);
  });
});
