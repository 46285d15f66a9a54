// Issue 17, item 1: the billing contact in the lifecycle. Its shape is checked in the update's
// validator (and again by the reducer); a change publishes tenant.contact_updated, no change nothing.
import { describe, expect, it } from 'vitest';
import { reduce, validate, type BillingContact, type LifecycleInput } from '../../../domain/lifecycle/index.js';
import { CONTACT, FIXTURES, eventTypes, newTenant, T0 } from './harness.js';

const update = (contact: BillingContact, customerId?: string): LifecycleInput => ({ kind: 'updateContact', contact, ...(customerId ? { customerId } : {}) });
const codeOf = (contact: unknown) => {
  const err = validate(newTenant(), update(contact as BillingContact));
  return err && { code: err.code, field: err.details?.field };
};

describe('the billing contact', () => {
  it('is applied with tenant.contact_updated and learns the Stripe customer', () => {
    const { state, commands } = reduce(newTenant(), update(CONTACT, 'cus_new'), T0 + 1);
    expect(state).toMatchObject({ name: 'Acme GmbH', email: 'billing@acme.test', address: CONTACT.address, taxId: CONTACT.taxId, stripe: { customerId: 'cus_new' } });
    expect(eventTypes(commands)).toEqual(['tenant.contact_updated']);
    expect(commands.find((c) => c.type === 'publishEvent')).toMatchObject({ event: { id: 't1:tenant.contact_updated:v2', data: CONTACT } });
    expect(commands.some((c) => c.type === 'syncEnforcement')).toBe(false);
  });

  it('the same contact again publishes nothing, and leaves out what is not given', () => {
    const once = reduce(newTenant(), update(CONTACT), T0 + 1).state;
    expect(reduce(once, update({ ...CONTACT, address: { ...CONTACT.address } }), T0 + 2)).toEqual({ state: once, commands: [] });
    const cleared = reduce(once, update({ name: 'Acme', email: 'ops@acme.test', address: null, taxId: null }), T0 + 3).state;
    expect(cleared).toMatchObject({ address: null, taxId: null, name: 'Acme' });
  });

  it('keeps a customer the tenant already has', () => {
    const paid = FIXTURES['active-paid']!();
    expect(reduce(paid.state, update(CONTACT, 'cus_other'), paid.now).state.stripe.customerId).toBe('cus_1');
  });

  it.each([
    ['an empty name', { ...CONTACT, name: ' ' }, 'name'],
    ['an email without a domain', { ...CONTACT, email: 'billing@acme' }, 'email'],
    ['an email with a space', { ...CONTACT, email: 'bill ing@acme.test' }, 'email'],
    ['an over-long first address line', { ...CONTACT, address: { ...CONTACT.address, line1: 'x'.repeat(201) } }, 'address.line1'],
    ['an over-long postal code', { ...CONTACT, address: { ...CONTACT.address, postalCode: '1'.repeat(21) } }, 'address.postalCode'],
    ['a city missing', { ...CONTACT, address: { ...CONTACT.address, city: '' } }, 'address.city'],
    ['an unassigned country code', { ...CONTACT, address: { ...CONTACT.address, country: 'XX' } }, 'address.country'],
    ['a lower-case country code', { ...CONTACT, address: { ...CONTACT.address, country: 'de' } }, 'address.country'],
    ['a three-letter country code', { ...CONTACT, address: { ...CONTACT.address, country: 'DEU' } }, 'address.country'],
    ['a tax id type Stripe has not', { ...CONTACT, taxId: { type: 'VAT', value: 'DE1' } }, 'taxId.type'],
    ['an empty tax id', { ...CONTACT, taxId: { type: 'eu_vat', value: '' } }, 'taxId.value'],
  ])('refuses %s (VALIDATION_FAILED naming the field)', (_name, contact, field) => {
    expect(codeOf(contact)).toEqual({ code: 'VALIDATION_FAILED', field });
  });

  it('accepts a contact with only a name and an email, and one with every field', () => {
    expect(codeOf({ name: 'Acme', email: 'a@b.co', address: null, taxId: null })).toBeNull();
    expect(codeOf({ ...CONTACT, address: { ...CONTACT.address, line2: 'Hinterhaus', state: 'Berlin', country: 'GB' } })).toBeNull();
  });
});
