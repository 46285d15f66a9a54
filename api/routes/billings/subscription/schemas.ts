import { errorResponses } from '../../../schemas/errors.js';

// JSON Schemas of the subscription routes.
export const planBody = { type: 'object', required: ['planId'], additionalProperties: false, properties: { planId: { type: 'string', minLength: 1, maxLength: 100 } } };
export const reasonBody = { type: ['object', 'null'], additionalProperties: false, properties: { reason: { type: 'string', maxLength: 500 } } };
export const tenantErrors = errorResponses(400, 401, 403, 404, 409, 422, 502, 503);
export const secured = { tags: ['subscription'], security: [{ bearer: [] }] };
