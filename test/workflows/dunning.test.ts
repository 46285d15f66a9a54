import { describe, expect, it } from 'vitest';
import { stateQuery, stripeEventSignal } from '../../workflows/messages.js';
import { invoiceEvent, subscriptionSnapshot, subscriptionUpdated } from '../support/normalized-events.js';
import { DAY, finishScenario, runScenario, useTimeSkipping } from '../support/time-skipping.js';

const suite = useTimeSkipping();

describe('dunning', () => {
  it('goes trial, paid, failed payment, restricted on day 7, locked on day 14, then paid and active', async () => {
    await runScenario(suite, 'dun-1', async ({ handle, started, rec }) => {
      const t0 = started.createdAt;

      await handle.signal(stripeEventSignal, subscriptionUpdated('evt_sub', t0 + 1_000, subscriptionSnapshot('growth', t0)));
      await suite.env.sleep(60_000);
      let s = await handle.query(stateQuery);
      expect(s.plan.id).toBe('growth');
      expect(s.trial).toBeNull();

      const failedAt = t0 + 2 * DAY;
      await suite.env.sleep(2 * DAY);
      await handle.signal(stripeEventSignal, invoiceEvent('invoice.payment_failed', 'evt_fail_1', failedAt, 'in_1'));
      await suite.env.sleep(60_000);
      s = await handle.query(stateQuery);
      expect(s.paymentStatus).toBe('past_due');

      // Stripe retries the charge on day 3: the ladder keeps its first anchor.
      await suite.env.sleep(DAY);
      await handle.signal(stripeEventSignal, invoiceEvent('invoice.payment_failed', 'evt_fail_2', failedAt + DAY, 'in_1', 2));
      await suite.env.sleep(6 * DAY - 60_000);
      expect((await handle.query(stateQuery)).paymentStatus).toBe('restricted');

      await suite.env.sleep(7 * DAY);
      s = await handle.query(stateQuery);
      expect(s.paymentStatus).toBe('locked');
      expect(rec.published.find((e) => e.type === 'tenant.locked')!.data.source).toBe('dunning');

      await handle.signal(stripeEventSignal, invoiceEvent('invoice.paid', 'evt_paid', failedAt + 15 * DAY, 'in_1'));
      await suite.env.sleep(60_000);
      s = await handle.query(stateQuery);
      expect(s.paymentStatus).toBe('active');
      expect(rec.types()).toEqual(expect.arrayContaining(['payment.failed', 'tenant.payment_status.changed', 'tenant.restricted', 'tenant.locked', 'payment.restored', 'tenant.restored']));
      expect(rec.enforcement.at(-1)!.paymentStatus).toBe('active');
      await finishScenario(suite.env, handle.workflowId, 'dunning-ladder');
    });
  });
});
