import { errorResponses } from '../../schemas/errors.js';

// JSON Schemas of the system routes.
export const check = { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['up', 'down'] } }, required: ['status'] };
const readiness = { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['ready', 'not_ready'] }, dependencies: { type: 'object', additionalProperties: check } }, required: ['status', 'dependencies'] };
export const readinessResponses = { 200: readiness, 503: readiness, ...errorResponses(429) };
