// Ajv v8 in strict mode, for the event schema tests. The hoisted `ajv` in node_modules is v6 (from
// eslint), which has no strict mode; v8 is present only as a dependency of ajv-formats (and of
// fastify), so it is loaded from ajv-formats' own location: the copy ajv-formats is built for.
import { createRequire } from 'node:module';
import type { FormatsPlugin } from 'ajv-formats';

export type Ajv = Parameters<FormatsPlugin>[0];
type AjvClass = new (options?: Partial<Ajv['opts']>) => Ajv;

function load(): { Ajv: AjvClass; addFormats: FormatsPlugin; draft07: Record<string, unknown> } {
  const requireHere = createRequire(import.meta.url);
  const requireNextToFormats = createRequire(requireHere.resolve('ajv-formats'));
  const { version } = requireNextToFormats('ajv/package.json') as { version: string };
  if (!version.startsWith('8.')) throw new Error(`the event schema tests need ajv 8, found ${version} next to ajv-formats`);
  return { Ajv: requireNextToFormats('ajv') as AjvClass, addFormats: requireHere('ajv-formats') as FormatsPlugin, draft07: requireNextToFormats('ajv/dist/refs/json-schema-draft-07.json') as Record<string, unknown> };
}

/** A strict Ajv with the standard formats; union types are allowed because nullable fields are `type: [T, 'null']`. */
export function strictAjv(): Ajv {
  const { Ajv, addFormats } = load();
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/**
 * An Ajv for a schema written elsewhere (the Compose Specification's), which strict mode would refuse
 * for its style rather than its meaning; it also knows draft-07 by the id the schema gives it (Ajv's
 * own is http://json-schema.org/draft-07/schema, some schemas say https).
 */
export function thirdPartyAjv(draft07Id: string): Ajv {
  const { Ajv, addFormats, draft07 } = load();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema({ ...draft07, $id: draft07Id });
  return ajv;
}
