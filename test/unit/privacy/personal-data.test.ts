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

  it('is idempotent: a redacted payload loses nothing more', () => {
    const once = redactPersonalData({ name: 'Acme', email: null, nested: { phone: '+1 555' } }).value;
    expect(redactPersonalData(once)).toEqual({ value: once, removed: 0, fields: [] });
  });
});
