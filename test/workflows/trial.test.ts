import { describe, expect, it } from 'vitest';
import { stateQuery } from '../../workflows/messages.js';
import { DAY, finishScenario, runScenario, useTimeSkipping } from '../support/time-skipping.js';

const suite = useTimeSkipping();

describe('trial', () => {
  it('runs 14 days with reminders 3 days and 1 day before the end, then moves to the free plan', async () => {
    await runScenario(suite, 'trial-1', async ({ handle, started, rec }) => {
      expect(started.plan.id).toBe('starter');
      expect(started.trial!.endsAt - started.trial!.startedAt).toBe(14 * DAY);
      expect(rec.types()).toEqual(['tenant.created']);
      expect(rec.projections.length).toBeGreaterThan(0);

      await suite.env.sleep(11 * DAY + 60_000);
      expect(rec.types()).toContain('trial.ending_soon');
      expect(rec.published.filter((e) => e.type === 'trial.ending_soon')).toHaveLength(1);

      await suite.env.sleep(2 * DAY);
      expect(rec.published.filter((e) => e.type === 'trial.ending_soon')).toHaveLength(2);
      expect((await handle.query(stateQuery)).plan.id).toBe('starter');

      await suite.env.sleep(DAY);
      const ended = await handle.query(stateQuery);
      expect(ended.plan.id).toBe('free');
      expect(ended.trial).toBeNull();
      expect(rec.types()).toContain('trial.expired');
      expect(rec.projections.at(-1)!.plan.id).toBe('free');
      expect(rec.enforcement.at(-1)!.plan.entitlements.campaigns).toEqual({ limit: 1 });
      await finishScenario(suite.env, handle.workflowId, 'trial-expires-to-free');
    });
  });
});
