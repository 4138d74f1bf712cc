import { roundForOutput } from './csv.js';
import { JSON_VERSION, type Resultado } from './model.js';

/** The JSON document of a result: a `version` field, numbers as numbers, `null` never `NaN`. */
export function renderJson(resultado: Resultado): string {
  const doc = { version: JSON_VERSION, comando: resultado.comando, ...resultado.json };
  return `${JSON.stringify(doc, (_k, v) => (typeof v === 'number' ? (Number.isFinite(v) ? roundForOutput(v) : null) : v), 2)}\n`;
}
