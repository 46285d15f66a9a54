// The tenant's billing contact (issue 17): name, billing email, postal address and tax id, as the
// tenant owner sets them (PUT /billings/contact) and as the Stripe customer carries them. Pure, and
// apart from the reducer (contact-change.ts) so the state types and the event catalog can name it.
import { TenureError } from '../errors.js';

export interface ContactAddress {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  state: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

/** A tax id as Stripe types it (`eu_vat`, `gb_vat`, `us_ein`...); Stripe alone decides whether the value is valid. */
export interface TaxId { type: string; value: string }

export interface BillingContact {
  name: string;
  email: string;
  address: ContactAddress | null;
  taxId: TaxId | null;
}

/** Field bounds, shared with the route's JSON Schema (Stripe's own limits are these or wider). */
export const CONTACT_LIMITS = { name: 200, email: 254, line: 200, city: 100, postalCode: 20, state: 100, taxIdType: 20, taxIdValue: 50 } as const;

/** A pragmatic email shape: one @, no spaces, a dot in the domain. */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';
/** Stripe's tax id types are lower-case words joined by underscores. */
export const TAX_ID_TYPE_PATTERN = '^[a-z]{2,4}(_[a-z]{2,6})+$';

/** The officially assigned ISO 3166-1 alpha-2 codes. */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ '
  + 'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR '
  + 'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP '
  + 'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT '
  + 'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW '
  + 'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG '
  + 'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const COUNTRIES = new Set(COUNTRY_CODES);

const invalid = (field: string, message: string) => new TenureError('VALIDATION_FAILED', `${field} ${message}`, { field });

function checkText(field: string, value: unknown, max: number, required: boolean): TenureError | null {
  if (value === null || value === undefined) return required ? invalid(field, 'is required') : null;
  if (typeof value !== 'string') return invalid(field, 'must be a string');
  if (required && value.trim().length === 0) return invalid(field, 'must not be empty');
  if (value.length > max) return invalid(field, `must be at most ${max} characters`);
  return null;
}

function validateAddress(address: ContactAddress): TenureError | null {
  const L = CONTACT_LIMITS;
  return checkText('address.line1', address.line1, L.line, true)
    ?? checkText('address.line2', address.line2, L.line, false)
    ?? checkText('address.city', address.city, L.city, true)
    ?? checkText('address.postalCode', address.postalCode, L.postalCode, true)
    ?? checkText('address.state', address.state, L.state, false)
    ?? (typeof address.country === 'string' && COUNTRIES.has(address.country) ? null : invalid('address.country', 'must be an ISO 3166-1 alpha-2 code, such as DE or US'));
}

function validateTaxId(taxId: TaxId): TenureError | null {
  if (typeof taxId.type !== 'string' || !new RegExp(TAX_ID_TYPE_PATTERN).test(taxId.type) || taxId.type.length > CONTACT_LIMITS.taxIdType) {
    return invalid('taxId.type', "must be one of Stripe's tax id types, such as eu_vat");
  }
  return checkText('taxId.value', taxId.value, CONTACT_LIMITS.taxIdValue, true);
}

/** Checks a contact's shape (the same rules as the route's schema); null when it is acceptable. */
export function validateContact(contact: BillingContact): TenureError | null {
  if (contact === null || typeof contact !== 'object') return invalid('contact', 'is required');
  return checkText('name', contact.name, CONTACT_LIMITS.name, true)
    ?? checkText('email', contact.email, CONTACT_LIMITS.email, true)
    ?? (new RegExp(EMAIL_PATTERN).test(contact.email) ? null : invalid('email', 'must be an email address'))
    ?? (contact.address ? validateAddress(contact.address) : null)
    ?? (contact.taxId ? validateTaxId(contact.taxId) : null);
}

/** The contact as the state holds it. */
export function contactOf(state: { name: string | null; email: string | null; address: ContactAddress | null; taxId: TaxId | null }): { name: string | null; email: string | null; address: ContactAddress | null; taxId: TaxId | null } {
  return { name: state.name, email: state.email, address: state.address, taxId: state.taxId };
}

/** The contact with every field present and in one key order, so two equal contacts compare equal. */
export function normalizeContact(contact: BillingContact): BillingContact {
  const a = contact.address;
  const address = a ? { line1: a.line1, line2: a.line2 ?? null, city: a.city, postalCode: a.postalCode, state: a.state ?? null, country: a.country } : null;
  const taxId = contact.taxId ? { type: contact.taxId.type, value: contact.taxId.value } : null;
  return { name: contact.name, email: contact.email, address, taxId };
}
