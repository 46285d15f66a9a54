import { errorResponses } from '../../schemas/errors.js';

// JSON Schemas of the system routes.
export const check = { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['up', 'down'] } }, required: ['status'] };
const outbox = { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['up', 'degraded', 'down'] } }, required: ['status'] };
// 200 with `degraded`: every request is served but something lags (Kafka down, an outbox backlog).
const readiness = {
  type: 'object', additionalProperties: false,
  properties: { status: { type: 'string', enum: ['ready', 'degraded', 'not_ready'] }, dependencies: { type: 'object', additionalProperties: check }, outbox },
  required: ['status', 'dependencies', 'outbox'],
};
export const readinessResponses = { 200: readiness, 503: readiness, ...errorResponses(429) };
