// Ajv v8 in strict mode, for the event schema tests. The hoisted `ajv` in node_modules is v6 (from
// eslint), which has no strict mode; v8 is present only as a dependency of ajv-formats (and of
// fastify), so it is loaded from ajv-formats' own location: the copy ajv-formats is built for.
import { createRequire } from 'node:module';
import type { FormatsPlugin } from 'ajv-formats';

export type Ajv = Parameters<FormatsPlugin>[0];
type AjvClass = new (options?: Partial<Ajv['opts']>) => Ajv;

function load(): { Ajv: AjvClass; addFormats: FormatsPlugin } {
  const requireHere = createRequire(import.meta.url);
  const requireNextToFormats = createRequire(requireHere.resolve('ajv-formats'));
  const { version } = requireNextToFormats('ajv/package.json') as { version: string };
  if (!version.startsWith('8.')) throw new Error(`the event schema tests need ajv 8, found ${version} next to ajv-formats`);
  return { Ajv: requireNextToFormats('ajv') as AjvClass, addFormats: requireHere('ajv-formats') as FormatsPlugin };
}

/** A strict Ajv with the standard formats; union types are allowed because nullable fields are `type: [T, 'null']`. */
export function strictAjv(): Ajv {
  const { Ajv, addFormats } = load();
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}
