import { describe, expect, it } from 'vitest';
import { assignedTrialEnd, collectionParams } from '../../../domain/plans/invoicing.js';

// Issue 13, item 4: how an admin-assigned subscription is collected and when it starts billing.
describe('collection of an assigned subscription', () => {
  it('invoices a manualInvoicing plan, due in its daysUntilDue (30 when it names none)', () => {
    expect(collectionParams({ manualInvoicing: true, daysUntilDue: 45 })).toEqual({ collection_method: 'send_invoice', days_until_due: 45 });
    expect(collectionParams({ manualInvoicing: true })).toEqual({ collection_method: 'send_invoice', days_until_due: 30 });
  });

  it('charges any other plan automatically, waiting for a card when there is none', () => {
    expect(collectionParams({ manualInvoicing: false, daysUntilDue: 30 })).toEqual({ collection_method: 'charge_automatically', payment_behavior: 'default_incomplete' });
  });
});

describe('when an assigned subscription starts billing', () => {
  const now = Date.UTC(2026, 0, 10);
  const trialEnd = Date.UTC(2026, 0, 20, 12, 0, 0, 500);

  it('period_end waits for a running trial (Stripe trial_end, in seconds)', () => {
    expect(assignedTrialEnd('period_end', trialEnd, now)).toBe(Math.floor(trialEnd / 1000));
  });

  it('starts at once for now, for a tenant without a trial, and for a trial already over', () => {
    expect(assignedTrialEnd('now', trialEnd, now)).toBeNull();
    expect(assignedTrialEnd('period_end', null, now)).toBeNull();
    expect(assignedTrialEnd('period_end', now - 1, now)).toBeNull();
  });
});
