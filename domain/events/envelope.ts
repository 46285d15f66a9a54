// The envelope every billing event travels in (Kafka `billing.events`, webhooks, `billing_events`).
// Ids are deterministic so consumers can deduplicate; `version` is the payload's, from the catalog.
import { EVENT_CATALOG, type BillingEventType, type EventCatalog, type EventPayload } from './catalog.js';
import type { JsonSchema } from './json-schema.js';

interface Envelope<T extends BillingEventType> {
  id: string;
  type: T;
  version: EventCatalog[T]['version'];
  tenantId: string;
  /** ISO-8601 date-time, UTC. */
  occurredAt: string;
  data: EventPayload<T>;
}

/** An event of type T; the default is the union of all types, narrowed by checking `type`. */
export type BillingEvent<T extends BillingEventType = BillingEventType> = T extends BillingEventType ? Envelope<T> : never;

/** Builds an envelope whose id is a pure function of tenant, type and a caller-chosen discriminator. */
export function billingEvent<T extends BillingEventType>(tenantId: string, type: T, discriminator: string, occurredAtMs: number, data: EventPayload<T>): BillingEvent<T> {
  const envelope: Envelope<T> = {
    id: `${tenantId}:${type}:${discriminator}`,
    type,
    version: EVENT_CATALOG[type].version,
    tenantId,
    occurredAt: new Date(occurredAtMs).toISOString(),
    data,
  };
  // TypeScript does not resolve the conditional type for a generic T; for any one T it is Envelope<T>.
  return envelope as BillingEvent<T>;
}

/** The envelope's fields other than `data`, described once for the schemas and the docs. */
export const ENVELOPE_FIELDS = {
  id: { type: 'string', description: '`{tenantId}:{type}:{discriminator}`: deterministic, so a repeat has the same id; deduplicate on it' },
  type: { type: 'string', description: 'The event type' },
  version: { type: 'integer', minimum: 1, description: "The payload's version for this type (see each type below)" },
  tenantId: { type: 'string', description: 'The tenant; also the Kafka message key, so one tenant\'s events stay in order' },
  occurredAt: { type: 'string', format: 'date-time', description: 'When it happened (ISO-8601, UTC)' },
} as const satisfies Record<string, JsonSchema>;

/** The schema of a whole envelope of `type`: the envelope fields pinned to that type and version, and its payload. */
export function envelopeSchema(type: BillingEventType): JsonSchema {
  const { version, schema } = EVENT_CATALOG[type];
  return {
    title: `${type} v${version}`,
    type: 'object',
    properties: {
      ...ENVELOPE_FIELDS,
      type: { ...ENVELOPE_FIELDS.type, const: type },
      version: { ...ENVELOPE_FIELDS.version, const: version },
      data: schema,
    },
    required: ['id', 'type', 'version', 'tenantId', 'occurredAt', 'data'],
    additionalProperties: false,
  };
}
