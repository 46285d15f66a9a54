import { describe, expect, it } from 'vitest';
import type { CancelAtPeriodEndInput, CancelSubscriptionInput } from '../../workflows/activity-contract.js';
import { adminUpdate, stateQuery, stripeEventSignal } from '../../workflows/messages.js';
import { subscriptionSnapshot, subscriptionUpdated } from '../support/normalized-events.js';
import { DAY, runScenario, saveHistory, useTimeSkipping } from '../support/time-skipping.js';

const suite = useTimeSkipping();

// Closing an account (issue 17, item 4) with real workflow code on the time-skipping server: the
// lifecycle returns (completes) once the closing's commands ran; at period end it waits on a timer.
describe('closing an account', () => {
  it('at period end: cancels at period end, keeps the tenant until then, then closes by itself and completes', async () => {
    const cancels: CancelAtPeriodEndInput[] = [];
    const activities = { stripeSetCancelAtPeriodEnd: async (input: CancelAtPeriodEndInput) => { cancels.push(input); return { subscriptionId: input.subscriptionId, cancelAtPeriodEnd: input.cancel }; } };
    await runScenario(suite, 'close-1', async ({ handle, started, rec }) => {
      const t0 = started.createdAt;
      await handle.signal(stripeEventSignal, subscriptionUpdated('evt_sub', t0 + 1_000, subscriptionSnapshot('growth', t0)));
      await suite.env.sleep(60_000);
      const scheduled = await handle.executeUpdate(adminUpdate, { args: [{ type: 'close', reason: 'customer left', actor: 'admin-1', effective: 'period_end' }] });
      expect(scheduled).toMatchObject({ status: 'active', closure: { closesAt: t0 + 30 * DAY, closedAt: null } });
      expect(cancels).toMatchObject([{ subscriptionId: 'sub_1', cancel: true, reason: 'account closed: customer left' }]);

      await suite.env.sleep(29 * DAY);
      expect((await handle.query(stateQuery)).status).toBe('active');
      await suite.env.sleep(2 * DAY);
      await handle.result();
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      expect(rec.types().slice(-3)).toEqual(['subscription.cancelled', 'subscription.ended', 'tenant.closed']);
      expect(rec.enforcement.at(-1)).toMatchObject({ status: 'closed', plan: { id: 'free' } });
      await saveHistory(handle, 'close-at-period-end');
    }, { activities });
  });

  it('now: cancels the subscription in Stripe at once and completes', async () => {
    const cancelled: CancelSubscriptionInput[] = [];
    const activities = { stripeCancelSubscription: async (input: CancelSubscriptionInput) => { cancelled.push(input); return { subscriptionId: input.subscriptionId, status: 'canceled' }; } };
    await runScenario(suite, 'close-2', async ({ handle, started }) => {
      await handle.signal(stripeEventSignal, subscriptionUpdated('evt_sub', started.createdAt + 1_000, subscriptionSnapshot('growth', started.createdAt)));
      const closed = await handle.executeUpdate(adminUpdate, { args: [{ type: 'close', reason: 'fraud', actor: 'admin-1', effective: 'now' }] });
      expect(closed).toMatchObject({ status: 'closed', subscription: { status: 'canceled' } });
      expect(cancelled).toMatchObject([{ subscriptionId: 'sub_1', reason: 'account closed: fraud' }]);
      await handle.result();
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      await saveHistory(handle, 'close-now');
    }, { activities });
  });
});
