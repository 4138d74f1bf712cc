import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cargarCiclo } from '../../src/cli/autoevaluacion.js';
import { openRows } from '../../src/io/stream-rows.js';

const O = { separador: undefined, codificacion: undefined };
const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'autoevaluacion');

/** The report and the cycles, element scores as plain arrays, for comparing. */
const plano = (r: Awaited<ReturnType<typeof cargarCiclo>>) => ({
  report: r.report,
  ciclos: r.ciclos?.map((c) => ({ ...c, gores: c.gores.map((g) => ({ ...g, elementos: g.elementos ? [...g.elementos] : undefined })) })),
});

describe('leído como flujo de filas, cada fixture da lo mismo que leído entero', () => {
  it.each(readdirSync(DIR).filter((f) => /\.(xlsx|csv)$/.test(f)))('%s', async (nombre) => {
    const file = join(DIR, nombre);
    const entero = await cargarCiclo(file, O, await openRows(file, { stream: 'never' }));
    const flujo = await cargarCiclo(file, O, await openRows(file, { stream: 'always' }));
    expect(plano(flujo)).toEqual(plano(entero));
  });
});
