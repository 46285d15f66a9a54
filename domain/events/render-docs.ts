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

/** How a field's type reads in a table: the JSON type, narrowed by const, enum, format or pattern. */
function typeLabel(s: JsonSchema): string {
  if (s.const !== undefined) return code(s.const);
  if (s.oneOf !== undefined && s.type === undefined) return s.oneOf.map(shapeLabel).join(' or ');
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  const base = types.filter((t) => t !== 'null').join(' or ');
  const unit = s.format ?? s.$comment ?? (s.pattern === undefined ? undefined : 'feature key');
  const named = unit === undefined ? base : `${base} (${unit})`;
  const narrowed = s.enum === undefined ? named : `${named}: ${s.enum.map(code).join(', ')}`;
  return types.includes('null') ? `${narrowed}, or null` : narrowed;
}

/** One alternative of a field that takes several shapes: `null`, or an object by its keys (`{limit}`). */
function shapeLabel(s: JsonSchema): string {
  if (s.type === 'null') return 'null';
  return s.properties === undefined ? typeLabel(s) : code(`{${Object.keys(s.properties).join(', ')}}`);
}

/** The nested fields of an object keyed by the operator (patternProperties), shown under a placeholder name. */
function keyedRows(schema: JsonSchema, prefix: string): string[] {
  return Object.values(schema.patternProperties ?? {}).flatMap((field) => {
    const path = `${prefix}<feature key>`;
    return [`| ${code(path)} | ${cell(typeLabel(field))} | no | ${cell(field.description ?? '')} |`, ...fieldRows(field, `${path}.`)];
  });
}

/** One row per field, nested objects flattened as `parent.child`. */
function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const row = `| ${code(path)} | ${cell(typeLabel(field))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(field.description ?? '')} |`;
    return [row, ...fieldRows(field, `${path}.`), ...keyedRows(field, `${path}.`)];
  });
}

function fieldTable(schema: JsonSchema): string[] {
  return ['| Field | Type | Required | Description |', '|---|---|---|---|', ...fieldRows(schema)];
}

/** What tells a variant apart: its `const` field (`source` is `admin`), else a field only it has (`enabled` is present). */
function discriminatorOf(variant: JsonSchema, siblings: readonly JsonSchema[]): string {
  const constant = Object.entries(variant.properties ?? {}).find(([, f]) => f.const !== undefined);
  if (constant !== undefined) return `${code(constant[0])} is ${code(constant[1].const)}`;
  const elsewhere = new Set(siblings.filter((s) => s !== variant).flatMap((s) => Object.keys(s.properties ?? {})));
  const own = Object.keys(variant.properties ?? {}).filter((name) => !elsewhere.has(name));
  return `${own.map(code).join(', ')} is present`;
}

function payloadSection(schema: JsonSchema): string[] {
  if (schema.oneOf === undefined) return [...fieldTable(schema), ''];
  const intro = [`The payload has ${schema.oneOf.length} shapes; exactly one matches.`, ''];
  return [...intro, ...schema.oneOf.flatMap((variant) => [
    `When ${discriminatorOf(variant, schema.oneOf ?? [])}: ${variant.description ?? ''}`, '', ...fieldTable(variant), '',
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
    'value is `null`, never a missing key); the only keys that vary are those of an object keyed by feature',
    '(shown as `<feature key>`: any key of the operator\'s feature catalog, see docs/entitlements.md). Times inside',
    'payloads are epoch milliseconds, except where the type column says `date-time` (ISO-8601, like `occurredAt`).', '',
    'Versioning: each type has its own payload version, starting at 1. Any change to a type\'s payload schema',
    'bumps that type\'s version (schemas are closed, so even an added field fails a consumer validating',
    'against the old one). Consumers branch on `(type, version)`.', '',
    'One exception, made on purpose when the feature catalog replaced the five fixed metrics: version 1 of',
    '`usage.threshold_crossed`, `usage.monthly_summary` and `tenant.limits_overridden` was loosened to name',
    'any feature key (a lowercase slug of at most 64 characters) instead of an enum of five metric names.',
    'Every payload valid before is still valid; a consumer that validated against the old enum should accept',
    'any feature key.', '',
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
