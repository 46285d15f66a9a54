import { describe, expect, it } from 'vitest';
import { adminUpdate, stateQuery } from '../../workflows/messages.js';
import { DAY, finishScenario, runScenario, useTimeSkipping } from '../support/time-skipping.js';

const suite = useTimeSkipping();

describe('admin lock', () => {
  it('locks for 7 days, then unlocks by itself', async () => {
    await runScenario(suite, 'lock-1', async ({ handle, rec }) => {
      const locked = await handle.executeUpdate(adminUpdate, { args: [{ type: 'lock', reason: 'chargeback review', actor: 'admin-1', durationMs: 7 * DAY }] });
      expect(locked.status).toBe('locked');
      expect(rec.enforcement.at(-1)!.status).toBe('locked');

      await suite.env.sleep(7 * DAY - 60_000);
      expect((await handle.query(stateQuery)).status).toBe('locked');
      await suite.env.sleep(120_000);
      const after = await handle.query(stateQuery);
      expect(after.status).toBe('active');
      expect(after.lockedUntil).toBeNull();
      const unlocked = rec.published.find((e) => e.type === 'tenant.unlocked');
      expect(unlocked?.data.auto).toBe(true);
      await finishScenario(suite.env, handle.workflowId, 'admin-lock-auto-unlock');
    });
  });

  it('rejects an unlock of a tenant that is not locked, with a code', async () => {
    await runScenario(suite, 'lock-2', async ({ handle }) => {
      const err = await handle.executeUpdate(adminUpdate, { args: [{ type: 'unlock', actor: 'admin-1' }] }).catch((e: unknown) => e as Error & { cause?: { type?: string } });
      expect(err).toBeInstanceOf(Error);
      expect((err as { cause?: { type?: string } }).cause?.type).toBe('INVALID_TRANSITION');
      await finishScenario(suite.env, handle.workflowId);
    });
  });
});
