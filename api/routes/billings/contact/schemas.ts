import { CONTACT_LIMITS, COUNTRY_CODES, EMAIL_PATTERN, TAX_ID_TYPE_PATTERN } from '../../../../domain/lifecycle/contact.js';
import { errorResponses } from '../../../schemas/errors.js';

// JSON Schemas of the billing contact (GET/PUT /billings/contact): the same bounds as the lifecycle's
// own check (domain/lifecycle/contact.ts), so a bad field is a 400 naming it before any workflow call.
const L = CONTACT_LIMITS;
const line = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' });
const optionalLine = (max: number) => ({ type: ['string', 'null'], maxLength: max });

const address = {
  type: 'object', required: ['line1', 'city', 'postalCode', 'country'], additionalProperties: false,
  properties: {
    line1: line(L.line), line2: optionalLine(L.line), city: line(L.city), postalCode: line(L.postalCode), state: optionalLine(L.state),
    country: { type: 'string', enum: COUNTRY_CODES, description: 'ISO 3166-1 alpha-2, upper case (DE, US, GB...)' },
  },
};
const taxId = {
  type: 'object', required: ['type', 'value'], additionalProperties: false,
  properties: {
    type: { type: 'string', maxLength: L.taxIdType, pattern: TAX_ID_TYPE_PATTERN, description: "Stripe's tax id type, such as eu_vat, gb_vat or us_ein" },
    value: { ...line(L.taxIdValue), description: 'The tax id; Stripe validates it (422 TAX_ID_INVALID when it refuses)' },
  },
};

export const contactBody = {
  type: 'object', required: ['name', 'email'], additionalProperties: false,
  properties: {
    name: line(L.name),
    email: { type: 'string', maxLength: L.email, pattern: EMAIL_PATTERN, description: 'billing email: invoices, receipts and notifications go there' },
    address: { anyOf: [{ type: 'null' }, address], description: 'left out or null: no address' },
    taxId: { anyOf: [{ type: 'null' }, taxId], description: 'left out or null: no tax id' },
  },
};

const nullable = (schema: object) => ({ anyOf: [{ type: 'null' }, schema] });
export const contactView = {
  type: 'object', required: ['name', 'email', 'address', 'taxId'], additionalProperties: false,
  properties: {
    name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] },
    address: nullable({ type: 'object', required: ['line1', 'line2', 'city', 'postalCode', 'state', 'country'], properties: {
      line1: { type: 'string' }, line2: { type: ['string', 'null'] }, city: { type: 'string' }, postalCode: { type: 'string' }, state: { type: ['string', 'null'] }, country: { type: 'string' },
    } }),
    taxId: nullable({ type: 'object', required: ['type', 'value'], properties: { type: { type: 'string' }, value: { type: 'string' } } }),
  },
};

export const contactErrors = errorResponses(400, 401, 403, 404, 409, 422, 502, 503);
export const secured = { tags: ['billing contact'], security: [{ bearer: [] }] };
