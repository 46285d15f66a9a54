import { MAX_LIMIT } from '../../../domain/lifecycle/index.js';
import { tenantParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';

// JSON Schemas of the admin tenant routes.
export const secured = { tags: ['admin'], security: [{ bearer: [] }] };
export const params = tenantParams;
export const errors = errorResponses(400, 401, 403, 404, 409, 422, 429, 502, 503);
export const reason = { type: 'string', minLength: 1, maxLength: 500 };
export const password = { type: 'string', minLength: 1, maxLength: 200 };
export const limitValue = { type: ['integer', 'null'], minimum: 0, maximum: MAX_LIMIT };
/** `14d`, `1h30m`: short, and (checked by the route, as a schema cannot add the parts) at most 365 days. */
export const extension = { type: 'string', maxLength: 32, pattern: '^(\\d{1,12}(ms|s|m|h|d|w))+$' };
export const actionResponse = { type: 'object', required: ['tenant'], properties: { tenant: { type: 'object', additionalProperties: true } } };
const strings = { type: 'array', items: { type: 'string' } };
/** What erase removed (nothing on a repeat) and what it keeps. */
export const erasureResponse = {
  type: 'object', required: ['tenantId', 'erasedAt', 'removed', 'kept'], properties: {
    tenantId: { type: 'string' }, erasedAt: { type: 'string', format: 'date-time' },
    removed: { type: 'object', properties: { fields: strings, projectionValues: { type: 'integer' }, auditValues: { type: 'integer' } } },
    kept: { type: 'object', properties: { fields: strings, billingEvents: { type: 'integer' }, adminAuditRows: { type: 'integer' } } },
  },
};
