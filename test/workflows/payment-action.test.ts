import { describe, expect, it } from 'vitest';
import { paymentActionUrl } from '../../domain/lifecycle/index.js';
import type { UpdateCustomerInput } from '../../workflows/activity-contract.js';
import { stateQuery, stripeEventSignal, updateContactUpdate } from '../../workflows/messages.js';
import { invoiceEvent, paymentActionRequired, subscriptionSnapshot, subscriptionUpdated } from '../support/normalized-events.js';
import { DAY, finishScenario, runScenario, useTimeSkipping } from '../support/time-skipping.js';

const suite = useTimeSkipping();
const URL_1 = 'https://invoice.stripe.com/i/acct_1/test_sca_1';

// Issue 17 on the real workflow code and durable timers: a payment awaiting 3-D Secure starts the same
// ladder as a failure, and the billing contact is an update whose Stripe call runs as an activity first.
describe('payment authentication (SCA)', () => {
  it('payment_action_required: past_due, restricted on day 7, locked on day 14, the page kept until paid', async () => {
    await runScenario(suite, 'sca-1', async ({ handle, started, rec }) => {
      const t0 = started.createdAt;
      await handle.signal(stripeEventSignal, subscriptionUpdated('evt_sub', t0 + 1_000, subscriptionSnapshot('growth', t0)));
      await suite.env.sleep(60_000);

      const at = t0 + 2 * DAY;
      await suite.env.sleep(2 * DAY);
      await handle.signal(stripeEventSignal, paymentActionRequired('evt_sca_1', at, 'in_1', URL_1));
      await suite.env.sleep(60_000);
      let s = await handle.query(stateQuery);
      expect(s.paymentStatus).toBe('past_due');
      expect(paymentActionUrl(s)).toBe(URL_1);
      expect(rec.published.find((e) => e.type === 'payment.action_required')?.data).toMatchObject({ invoiceId: 'in_1', hostedInvoiceUrl: URL_1 });

      await suite.env.sleep(7 * DAY - 60_000);
      expect((await handle.query(stateQuery)).paymentStatus).toBe('restricted');
      await suite.env.sleep(7 * DAY);
      s = await handle.query(stateQuery);
      expect(s.paymentStatus).toBe('locked');
      expect(paymentActionUrl(s)).toBe(URL_1);
      expect(paymentActionUrl(rec.enforcement.at(-1)!)).toBe(URL_1);

      await handle.signal(stripeEventSignal, invoiceEvent('invoice.paid', 'evt_paid', at + 15 * DAY, 'in_1'));
      await suite.env.sleep(60_000);
      s = await handle.query(stateQuery);
      expect(s.paymentStatus).toBe('active');
      expect(paymentActionUrl(s)).toBeNull();
      expect(paymentActionUrl(rec.enforcement.at(-1)!)).toBeNull();
      await finishScenario(suite.env, handle.workflowId);
    });
  });
});

describe('the billing contact update', () => {
  it('calls stripeUpdateCustomer with a key of the workflow, the step and the version, then applies the contact', async () => {
    const calls: UpdateCustomerInput[] = [];
    const stripeUpdateCustomer = async (input: UpdateCustomerInput) => { calls.push(input); return { customerId: 'cus_contact' }; };
    await runScenario(suite, 'contact-1', async ({ handle, started, rec }) => {
      const contact = { name: 'Acme GmbH', email: 'billing@acme.test', address: null, taxId: { type: 'eu_vat', value: 'DE987654321' } };
      const s = await handle.executeUpdate(updateContactUpdate, { args: [contact] });
      expect(s).toMatchObject({ name: 'Acme GmbH', email: 'billing@acme.test', taxId: contact.taxId, stripe: { customerId: 'cus_contact' } });
      expect(calls).toEqual([{ tenantId: 'contact-1', customerId: null, contact, idempotencyKey: expect.stringMatching(new RegExp(`^tenant:contact-1:updateContact:v${started.version}:[0-9a-f]+$`)) }]);
      expect(rec.types()).toContain('tenant.contact_updated');
      await expect(handle.executeUpdate(updateContactUpdate, { args: [{ ...contact, email: 'not-an-email' }] })).rejects.toThrow();
      expect(calls).toHaveLength(1);
      await finishScenario(suite.env, handle.workflowId);
    }, { activities: { stripeUpdateCustomer } });
  });
});
