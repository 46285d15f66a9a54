// A small, seeded request generator driven by /openapi.json (no property-testing package: the
// generator only has to know the JSON Schema shapes the API uses). The same seed gives the same
// requests, so a failure found once is found again.
import { prng } from './prng.js';

export { prng };

export interface JsonSchema {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[];
  pattern?: string; format?: string; minimum?: number; maximum?: number; minLength?: number; maxLength?: number;
  minItems?: number; maxItems?: number; oneOf?: JsonSchema[]; anyOf?: JsonSchema[]; default?: unknown; additionalProperties?: boolean | JsonSchema;
}
export interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema }
export interface Operation { method: string; path: string; parameters: Parameter[]; body: JsonSchema | null; statuses: string[] }
export interface FuzzRequest { method: string; url: string; headers: Record<string, string>; payload?: string; mutation: string }


type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** The operations of an OpenAPI document, with their request schemas and documented statuses. */
export function operationsOf(spec: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; responses: Record<string, unknown> }>> }): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(), path, parameters: op.parameters ?? [],
    body: op.requestBody?.content?.['application/json']?.schema ?? null, statuses: Object.keys(op.responses),
  })));
}

// Strings that satisfy the patterns the API uses (ids, durations, currencies, URLs); the first that
// matches a schema's pattern is used, so "valid-ish" requests get past validation often.
const PATTERN_SAMPLES = ['growth', 'starter', 'acme', 'pm_123', 'in_123', '14d', '1h30m', 'usd', 'https://example.com/return', 'key-1', 'abc'];

/** A value that satisfies the schema as far as this generator understands it. */
export function validValue(schema: JsonSchema | undefined, rng: Rng, ctx: { tenantId: string }, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.enum) return pick(rng, schema.enum);
  if (schema.oneOf ?? schema.anyOf) return validValue(pick(rng, (schema.oneOf ?? schema.anyOf)!), rng, ctx, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? (schema.properties ? 'object' : 'string')];
  const type = pick(rng, types.length > 1 && rng() < 0.8 ? types.filter((t) => t !== 'null') : types);
  switch (type) {
    case 'null': return null;
    case 'boolean': return rng() < 0.5;
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? 0;
      const hi = Math.min(schema.maximum ?? lo + 1000, lo + 1000);
      return int(rng, lo, hi);
    }
    case 'array': {
      const n = int(rng, schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3));
      return [...new Set(Array.from({ length: n }, () => JSON.stringify(validValue(schema.items, rng, ctx, depth + 1))))].map((v) => JSON.parse(v) as unknown);
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        // Tenant ids are the run's own: Temporal is shared between test databases, so a fixed id
        // could meet a workflow another run started.
        if (schema.required?.includes(key) || rng() < 0.5) out[key] = key === 'tenantId' ? `${ctx.tenantId}${rng() < 0.5 ? '' : `-${int(rng, 1, 9)}`}` : validValue(prop, rng, ctx, depth + 1);
      }
      return out;
    }
    default: return validString(schema, rng);
  }
}

function validString(schema: JsonSchema, rng: Rng): string {
  if (schema.format === 'uri') return 'https://example.com/return';
  if (schema.format === 'email') return 'ops@example.com';
  if (schema.format === 'date-time') return new Date(1_700_000_000_000).toISOString();
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    const fits = PATTERN_SAMPLES.filter((s) => re.test(s));
    if (fits.length > 0) return pick(rng, fits);
  }
  const length = int(rng, Math.max(1, schema.minLength ?? 1), Math.min(schema.maxLength ?? 12, 12));
  return Array.from({ length }, () => pick(rng, [...'abcdefghijklmnopqrstuvwxyz0123456789-'])).join('');
}

// Values that no schema should take as they are, or that probe what lies behind the schema.
const HOSTILE: (() => unknown)[] = [
  () => 'Bad\u0000Name', () => 'half \ud800 pair', () => '\udc00', () => 'x'.repeat(100_000), () => '', () => ' ',
  () => -1, () => 0, () => 1.5, () => 1e300, () => -1e300, () => 2 ** 53, () => Number.MAX_SAFE_INTEGER,
  () => true, () => null, () => [], () => [null], () => ({}), () => ({ nested: { deeper: ['\u0000'] } }),
  () => '100000000d', () => '9'.repeat(40) + 'd', () => '../../etc/passwd', () => "' or 1=1 --", () => '{{7*7}}', () => '<script>', () => 'javascript:alert(1)',
  () => 'https://evil.example/steal', () => '1e309', () => 'NaN', () => '\u202e', () => '😀'.repeat(300),
];

/** Replaces one leaf (or the whole value) of a JSON value by a hostile one. */
function mutateLeaf(value: unknown, rng: Rng): unknown {
  if (value === null || typeof value !== 'object' || rng() < 0.15) return pick(rng, HOSTILE)();
  const keys = Object.keys(value);
  if (keys.length === 0) return Array.isArray(value) ? [pick(rng, HOSTILE)()] : { [pick(rng, ['extra', '\u0000', 'tenantId', '__proto__'])]: pick(rng, HOSTILE)() };
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const key = pick(rng, keys);
  (copy as Record<string, unknown>)[key] = mutateLeaf((value as Record<string, unknown>)[key], rng);
  return copy;
}

const ODD_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/octet-stream'];
const MALFORMED_JSON = ['{', '{"a":', '[1,2', 'nul', '{"a":1}}', '\u0000', '"\\ud800"', '{"__proto__":{"admin":true}}', ' '];

/** One request for the operation: valid-ish, or with one kind of damage. */
export function fuzzRequest(op: Operation, rng: Rng, ctx: { tenantId: string; pathValue: (template: string) => string; headers: Record<string, string> }): FuzzRequest {
  const mutation = pick(rng, ['valid', 'valid', 'leaf', 'leaf', 'leaf', 'missing', 'extra', 'body-type', 'content-type', 'malformed', 'huge-body', 'path', 'query']);
  let url = op.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(ctx.pathValue(op.path)));
  if (mutation === 'path' && op.path.includes('{')) {
    const bad = pick(rng, ['x'.repeat(int(rng, 101, 600)), '%00', '%ED%A0%80', '%E0%A4%A', '..%2F..%2F', encodeURIComponent('\u0000abc'), '%', encodeURIComponent("'; drop table tenants; --")]);
    url = op.path.replace(/\{(\w+)\}/g, () => bad);
  }
  const query = op.parameters.filter((p) => p.in === 'query');
  const qs: string[] = [];
  for (const p of query) if (p.required || rng() < 0.4) qs.push(`${p.name}=${encodeURIComponent(String(validValue(p.schema, rng, ctx)))}`);
  if (mutation === 'query') {
    const name = query.length > 0 && rng() < 0.7 ? pick(rng, query).name : pick(rng, ['unknown', 'limit', '__proto__']);
    qs.push(`${name}=${pick(rng, ['%00', '-1', '1e309', '99999999999999999999', 'true', '', 'x'.repeat(5000), '%ED%A0%80', encodeURIComponent('a\u0000b')])}`);
  }
  if (qs.length > 0) url += `?${qs.join('&')}`;
  const headers: Record<string, string> = { ...ctx.headers };
  const readsBody = op.method !== 'GET' && op.method !== 'HEAD';
  if (!readsBody) return { method: op.method, url, headers, mutation };
  let body: unknown = op.body ? validValue(op.body, rng, ctx) : (rng() < 0.5 ? {} : undefined);
  let payload: string | undefined;
  headers['content-type'] = 'application/json';
  switch (mutation) {
    case 'leaf': body = mutateLeaf(body ?? {}, rng); break;
    case 'missing': {
      const required = op.body?.required ?? [];
      if (body && typeof body === 'object' && required.length > 0) delete (body as Record<string, unknown>)[pick(rng, required)];
      break;
    }
    case 'extra': body = { ...(body as object | undefined), [pick(rng, ['extra', 'tenant_id', 'roles', 'isAdmin'])]: pick(rng, HOSTILE)() }; break;
    case 'body-type': body = pick(rng, [[], 'text', 42, null, true]); break;
    case 'content-type': headers['content-type'] = pick(rng, ODD_CONTENT_TYPES); payload = 'a=1&b=2'; break;
    case 'malformed': payload = pick(rng, MALFORMED_JSON); break;
    case 'huge-body': payload = JSON.stringify({ filler: 'x'.repeat(1_100_000) }); break;
    default: break;
  }
  if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
  if (payload === undefined) delete headers['content-type'];
  return { method: op.method, url, headers, mutation, ...(payload === undefined ? {} : { payload }) };
}
