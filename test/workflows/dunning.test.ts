import { describe, expect, it } from 'vitest';
import { registerUpdate, stateQuery, stripeEventSignal, workflowIdOf } from '../../workflows/messages.js';
import { tenantLifecycle } from '../../workflows/tenant-lifecycle.js';
import { invoiceEvent, subscriptionSnapshot, subscriptionUpdated } from '../support/normalized-events.js';
import { DAY, lifecycleArgs, recordingActivities, finishScenario, useTimeSkipping, workerFor } from '../support/time-skipping.js';

const suite = useTimeSkipping();

describe('dunning', () => {
  it('goes trial, paid, failed payment, restricted on day 7, locked on day 14, then paid and active', async () => {
    const rec = recordingActivities();
    const worker = await workerFor(suite.env, 'dunning', rec.activities, suite.bundle);
    await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(tenantLifecycle, { workflowId: workflowIdOf('dun-1'), taskQueue: 'dunning', args: [lifecycleArgs('dun-1')] });
      const t0 = (await handle.executeUpdate(registerUpdate, { args: [{}] })).createdAt;

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
