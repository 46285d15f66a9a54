// The public module of the billing event catalog (ARCHITECTURE.md section 7); the parts live in
// domain/events/. NodeNext resolution does not map `events.js` to a folder index, hence this file.
export { EVENT_CATALOG, EVENT_TYPES, type BillingEventType, type CatalogEntry, type EventCatalog, type EventPayload, type EventPayloads } from './events/catalog.js';
export { ENVELOPE_FIELDS, billingEvent, envelopeSchema, type BillingEvent } from './events/envelope.js';
export type { JsonSchema, PayloadSchema } from './events/json-schema.js';
export type * from './events/payment-events.js';
export type * from './events/subscription-events.js';
export type * from './events/tenant-events.js';
export type * from './events/trial-events.js';
export type * from './events/usage-events.js';
export type * from './events/webhook-events.js';
export { PLATFORM_TENANT_ID } from './events/webhook-events.js';
