import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../../../domain/privacy/personal-data.js';

describe('redactPersonalData', () => {
  it('nulls names, emails and addresses at any depth, and keeps ids, amounts and plan names', () => {
    const payload = {
      name: 'Acme', email: 'ops@acme.test', planId: 'growth', amountDue: 9_900,
      plan: { id: 'growth', name: 'Growth' },
      contact: { billingEmail: 'billing@acme.test', address: { line1: '1 Main St', city: 'Springfield' } },
      invoices: [{ id: 'in_1', customerName: 'Jane Doe', amountPaid: 100 }],
    };
    const { value, removed, fields } = redactPersonalData(payload);
    expect(value).toEqual({
      name: null, email: null, planId: 'growth', amountDue: 9_900,
      plan: { id: 'growth', name: 'Growth' },
      contact: { billingEmail: null, address: null },
      invoices: [{ id: 'in_1', customerName: null, amountPaid: 100 }],
    });
    expect([removed, fields]).toEqual([5, ['address', 'billingEmail', 'customerName', 'email', 'name']]);
  });

  it('nulls tax ids, hosted invoice links and the personal fields of raw Stripe objects', () => {
    const webhook = { id: 'evt_1', data: { object: { id: 'in_1', customer: 'cus_1', customer_email: 'a@b.test', customer_name: 'Jane', customer_address: { city: 'Berlin' }, customer_tax_ids: [{ type: 'eu_vat', value: 'DE1' }], hosted_invoice_url: 'https://invoice.stripe.com/i/x', amount_due: 500 } } };
    const { value, fields } = redactPersonalData({ webhook, taxId: { type: 'eu_vat', value: 'DE1' }, hostedInvoiceUrl: 'https://invoice.stripe.com/i/x' });
    expect(value).toEqual({
      webhook: { id: 'evt_1', data: { object: { id: 'in_1', customer: 'cus_1', customer_email: null, customer_name: null, customer_address: null, customer_tax_ids: null, hosted_invoice_url: null, amount_due: 500 } } },
      taxId: null, hostedInvoiceUrl: null,
    });
    expect(fields).toEqual(['customer_address', 'customer_email', 'customer_name', 'customer_tax_ids', 'hostedInvoiceUrl', 'hosted_invoice_url', 'taxId']);
  });

  it('is idempotent: a redacted payload loses nothing more', () => {
    const once = redactPersonalData({ name: 'Acme', email: null, nested: { phone: '+1 555' } }).value;
    expect(redactPersonalData(once)).toEqual({ value: once, removed: 0, fields: [] });
  });
});
