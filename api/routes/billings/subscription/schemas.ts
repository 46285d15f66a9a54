import { errorResponses } from '../../../schemas/errors.js';

// JSON Schemas of the subscription routes.
/** `month` or `year`: which of the plan's Stripe prices to bill at. */
export const intervalProperty = { type: 'string', enum: ['month', 'year'] } as const;
/** A plan change: `interval` switches the billing interval; without it the subscription keeps its own. */
export const planBody = { type: 'object', required: ['planId'], additionalProperties: false, properties: {
  planId: { type: 'string', minLength: 1, maxLength: 100 }, interval: { ...intervalProperty, description: 'the billing interval to move to (default: the subscription\'s own)' } } };
/** The body of a plan change route. */
export interface PlanChangeBody { planId: string; interval?: 'month' | 'year' }
export const reasonBody = { type: ['object', 'null'], additionalProperties: false, properties: { reason: { type: 'string', maxLength: 500 } } };
export const tenantErrors = errorResponses(400, 401, 403, 404, 409, 422, 502, 503);
export const secured = { tags: ['subscription'], security: [{ bearer: [] }] };
