// Renders docs/events.md from the catalog. Pure (no I/O): dev/generate-event-docs.ts writes the
// file, and a unit test fails when the committed file differs, so the docs cannot fall behind.
import { EVENT_CATALOG, EVENT_TYPES, type BillingEventType } from './catalog.js';
import { ENVELOPE_FIELDS } from './envelope.js';
import { exampleEvents } from './examples.js';
import type { JsonSchema } from './json-schema.js';

export const EVENT_DOCS_PATH = 'docs/events.md';
export const EVENT_DOCS_COMMAND = 'npx tsx dev/generate-event-docs.ts';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown): string => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

/** How a field's type reads in a table: the JSON type, narrowed by const, enum or format. */
function typeLabel(s: JsonSchema): string {
  if (s.const !== undefined) return code(s.const);
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  const base = types.filter((t) => t !== 'null').join(' or ');
  const unit = s.format ?? s.$comment;
  const named = unit === undefined ? base : `${base} (${unit})`;
  const narrowed = s.enum === undefined ? named : `${named}: ${s.enum.map(code).join(', ')}`;
  return types.includes('null') ? `${narrowed}, or null` : narrowed;
}

/** One row per field, nested objects flattened as `parent.child`. */
function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const row = `| ${code(path)} | ${cell(typeLabel(field))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(field.description ?? '')} |`;
    return [row, ...fieldRows(field, `${path}.`)];
  });
}

function fieldTable(schema: JsonSchema): string[] {
  return ['| Field | Type | Required | Description |', '|---|---|---|---|', ...fieldRows(schema)];
}

/** The `const` that tells a variant apart, e.g. `source` = `admin`. */
function discriminatorOf(variant: JsonSchema): string {
  const [name, field] = Object.entries(variant.properties ?? {}).find(([, f]) => f.const !== undefined) ?? ['?', {}];
  return `${code(name)} is ${code(field.const)}`;
}

function payloadSection(schema: JsonSchema): string[] {
  if (schema.oneOf === undefined) return [...fieldTable(schema), ''];
  const intro = [`The payload has ${schema.oneOf.length} shapes; exactly one matches.`, ''];
  return [...intro, ...schema.oneOf.flatMap((variant) => [
    `When ${discriminatorOf(variant)}: ${variant.description ?? ''}`, '', ...fieldTable(variant), '',
  ])];
}

function typeSection(type: BillingEventType): string[] {
  const { version, description, schema } = EVENT_CATALOG[type];
  const examples = exampleEvents(type);
  return [
    `### ${code(type)}`, '',
    description, '',
    `Version: ${version}`, '',
    ...payloadSection(schema),
    examples.length === 1 ? 'Example:' : 'Examples:', '',
    ...examples.flatMap((e) => ['```json', JSON.stringify(e, null, 2), '```', '']),
  ];
}

function envelopeSection(): string[] {
  const rows = Object.entries(ENVELOPE_FIELDS).map(([name, f]) => `| ${code(name)} | ${cell(typeLabel(f))} | yes | ${cell(f.description)} |`);
  return [
    '## Envelope', '',
    'Every event, on Kafka `billing.events` (message key: the tenant id), in the `billing_events` audit table and',
    'to webhook endpoints, is one JSON object:', '',
    '| Field | Type | Required | Description |', '|---|---|---|---|',
    ...rows,
    '| `data` | object | yes | The payload: its fields depend on `type` and `version`, as below |', '',
    'No other field appears, in the envelope or in a payload. A required field is always present (an absent',
    'value is `null`, never a missing key); the only optional keys are the metrics of',
    '`tenant.limits_overridden`. Times inside payloads are epoch milliseconds, except where the type column',
    'says `date-time` (ISO-8601, like `occurredAt`).', '',
    'Versioning: each type has its own payload version, starting at 1. Any change to a type\'s payload schema',
    'bumps that type\'s version (schemas are closed, so even an added field fails a consumer validating',
    'against the old one). Consumers branch on `(type, version)`.', '',
  ];
}

/** The whole of docs/events.md, as a pure function of the catalog. */
export function renderEventDocs(): string {
  const index = EVENT_TYPES.map((t) => `| ${code(t)} | ${EVENT_CATALOG[t].version} | ${cell(EVENT_CATALOG[t].description)} |`);
  const lines = [
    '# Billing events', '',
    `<!-- Generated from domain/events/ by \`${EVENT_DOCS_COMMAND}\`. Do not edit by hand. -->`, '',
    'The events Tenure publishes (ARCHITECTURE.md section 7). Their JSON Schemas (draft-07) are in',
    '`domain/events/`; `EVENT_CATALOG` maps each type to its version, schema and description.', '',
    ...envelopeSection(),
    '## Types', '',
    '| Type | Version | Meaning |', '|---|---|---|',
    ...index, '',
    ...EVENT_TYPES.flatMap(typeSection),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
