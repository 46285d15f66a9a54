import { errorResponses } from '../../../schemas/errors.js';

// JSON Schemas of the payment routes (cards, invoices, the portal).
export const secured = { tags: ['payments'], security: [{ bearer: [] }] };
export const errors = errorResponses(400, 401, 403, 404, 409, 502);
export const idParam = (prefix: string) => ({ type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: `^${prefix}_[A-Za-z0-9]+$`, maxLength: 255 } } });
export const invoice = { type: 'object', additionalProperties: true, properties: { id: { type: ['string', 'null'] }, number: { type: ['string', 'null'] }, status: { type: ['string', 'null'] }, currency: { type: 'string' }, amountDue: { type: 'integer' }, amountPaid: { type: 'integer' }, total: { type: 'integer' }, createdAt: { type: 'string' }, periodStart: { type: 'string' }, periodEnd: { type: 'string' }, hostedInvoiceUrl: { type: ['string', 'null'] } } };
export const card = { type: 'object', properties: { id: { type: 'string' }, brand: { type: ['string', 'null'] }, last4: { type: ['string', 'null'] }, expMonth: { type: ['integer', 'null'] }, expYear: { type: ['integer', 'null'] }, isDefault: { type: 'boolean' } } };
