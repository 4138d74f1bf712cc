/**
 * A small checker for the JSON Schema subset schemas/validacion.schema.json uses: type (one or
 * several), const, enum, required, properties, additionalProperties, items, $ref to #/$defs,
 * oneOf, minimum, pattern. An unknown keyword fails, so the schema cannot grow past what is checked.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', '$defs', 'type', 'const', 'enum', 'required', 'properties',
  'additionalProperties', 'items', '$ref', 'oneOf', 'minimum', 'pattern',
]);

export function checkSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, '$', errors);
  return errors;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function check(root: Schema, s: Schema, v: unknown, path: string, errors: string[]): void {
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) errors.push(`${path}: palabra del esquema no soportada por el verificador: ${k}`);
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace(/^#\/\$defs\//, '');
    const target = (root.$defs as Record<string, Schema>)[name];
    if (!target) errors.push(`${path}: $ref desconocido ${s.$ref}`);
    else check(root, target, v, path, errors);
    return;
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const t = typeOf(v);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      errors.push(`${path}: tipo ${t}, se esperaba ${types.join('|')}`);
      return;
    }
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v)) errors.push(`${path}: ${JSON.stringify(v)} ≠ const ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) errors.push(`${path}: ${JSON.stringify(v)} no está en enum`);
  if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) errors.push(`${path}: ${v} < ${s.minimum}`);
  if (typeof s.pattern === 'string' && typeof v === 'string' && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${path}: «${v}» no cumple ${s.pattern}`);
  if (Array.isArray(s.oneOf)) {
    const ok = (s.oneOf as Schema[]).filter((sub) => {
      const e: string[] = [];
      check(root, sub, v, path, e);
      return e.length === 0;
    }).length;
    if (ok !== 1) errors.push(`${path}: cumple ${ok} alternativas de oneOf, se esperaba 1`);
  }
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in o)) errors.push(`${path}: falta ${r}`);
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, val] of Object.entries(o)) {
      if (props[k]) check(root, props[k], val, `${path}.${k}`, errors);
      else if (s.additionalProperties === false) errors.push(`${path}: propiedad no prevista ${k}`);
      else if (typeof s.additionalProperties === 'object') check(root, s.additionalProperties as Schema, val, `${path}.${k}`, errors);
    }
  }
  if (Array.isArray(v) && s.items) v.forEach((x, i) => check(root, s.items as Schema, x, `${path}[${i}]`, errors));
}
