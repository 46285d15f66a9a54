import { EVENT_TYPES } from '../../../domain/events.js';
import { ALL_EVENTS } from '../../../domain/webhooks/event-filter.js';

// JSON Schemas of the webhook endpoint routes (docs/webhooks.md): inputs are checked here; that a URL
// may be reached, and the event types, are checked again by the service (with clear codes).

const eventTypes = {
  type: 'array', minItems: 1, maxItems: 100, uniqueItems: true,
  items: { type: 'string', minLength: 1, maxLength: 100 },
  description: `event types to receive (${EVENT_TYPES.length} in the catalog, docs/events.md), or ["${ALL_EVENTS}"] for all`,
} as const;
const url = { type: 'string', minLength: 1, maxLength: 2048, description: 'https URL (http to localhost or an allowed host outside production)' } as const;
const description = { type: ['string', 'null'], maxLength: 500 } as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const endpointParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^we_[a-f0-9]{32}$' } } } as const;

export const createEndpointBody = {
  type: 'object', required: ['url', 'events'], additionalProperties: false,
  properties: { url, events: eventTypes, description },
} as const;

export const updateEndpointBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: { url, events: eventTypes, description, enabled: { type: 'boolean', description: 'false stops deliveries; true resumes them from the first event not delivered' } },
} as const;

export const endpointSchema = {
  type: 'object',
  required: ['id', 'url', 'events', 'description', 'enabled', 'disabledReason', 'disabledAt', 'createdAt', 'updatedAt', 'previousSecretExpiresAt'],
  properties: {
    id: { type: 'string' }, url: { type: 'string' }, events: { type: 'array', items: { type: 'string' } }, description, enabled: { type: 'boolean' },
    disabledReason: { type: ['string', 'null'], description: '`retry_window_exhausted` or `admin`' }, disabledAt: nullableTime,
    createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
    previousSecretExpiresAt: { ...nullableTime, description: 'until when the secret before the last rotation also signs' },
  },
} as const;

export const endpointWithSecretSchema = {
  ...endpointSchema,
  required: [...endpointSchema.required, 'secret'],
  properties: { ...endpointSchema.properties, secret: { type: 'string', description: 'the signing secret (whsec_...): shown in this answer only' } },
} as const;

export const endpointListSchema = { type: 'object', required: ['endpoints'], properties: { endpoints: { type: 'array', items: endpointSchema } } } as const;

export const deliveriesQuery = {
  type: 'object', additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 } },
} as const;

export const deliveriesSchema = {
  type: 'object', required: ['deliveries', 'total', 'limit', 'offset'],
  properties: {
    total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' },
    deliveries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'eventId', 'eventType', 'attempt', 'statusCode', 'latencyMs', 'response', 'error', 'delivered', 'replay', 'at'],
        properties: {
          id: { type: 'integer' }, eventId: { type: 'string' }, eventType: { type: 'string' }, attempt: { type: 'integer' },
          statusCode: { type: ['integer', 'null'] }, latencyMs: { type: 'integer' },
          response: { type: ['string', 'null'], description: 'the first 512 bytes of the answer' }, error: { type: ['string', 'null'] },
          delivered: { type: 'boolean' }, replay: { type: 'boolean' }, at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;
