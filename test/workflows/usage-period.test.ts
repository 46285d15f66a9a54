import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { adminActionSignal, stateQuery } from '../../workflows/messages.js';
import { recordingActivities, finishScenario, runScenario, useTimeSkipping } from '../support/time-skipping.js';
import { eventually } from '../support/wait.js';

const suite = useTimeSkipping();

const runIdOf = async (handle: WorkflowHandle) => (await suite.env.client.workflow.getHandle(handle.workflowId).describe()).runId;

async function sleepPastPeriodEnd(handle: WorkflowHandle): Promise<void> {
  const s = await suite.env.client.workflow.getHandle(handle.workflowId).query(stateQuery);
  await suite.env.sleep(s.usagePeriod.end - (await suite.env.currentTimeMs()) + 60_000);
}

describe('usage period', () => {
  it('resets at three monthly boundaries, continuing as new after each', async () => {
    await runScenario(suite, 'period-1', async ({ handle, started: first, rec }) => {
      const runIds = new Set([await runIdOf(handle)]);
      for (let i = 1; i <= 3; i++) {
        await sleepPastPeriodEnd(handle);
        await eventually(async () => (rec.resets.length >= i ? true : undefined), `reset ${i}`);
        runIds.add(await eventually(async () => { const id = await runIdOf(handle); return runIds.has(id) ? undefined : id; }, `run after reset ${i}`));
      }
      expect(rec.resets).toHaveLength(3);
      expect(rec.resets[0]!.period.start).toBe(first.usagePeriod.start);
      expect(rec.resets[1]!.period.start).toBe(rec.resets[0]!.nextPeriod.start);
      expect(rec.resets[2]!.period.start).toBe(rec.resets[1]!.nextPeriod.start);
      expect(runIds.size).toBe(4);
      const last = await suite.env.client.workflow.getHandle(handle.workflowId).query(stateQuery);
      expect(last.usagePeriod.start).toBe(rec.resets[2]!.nextPeriod.start);
      expect(last.tenantId).toBe('period-1');
      await finishScenario(suite.env, handle.workflowId, 'three-monthly-resets');
    });
  });

  it('switches enforcement to the new period before archiving the old one', async () => {
    const rec = recordingActivities();
    const calls: string[] = [];
    const activities = {
      ...rec.activities,
      syncEnforcement: async (state: Parameters<typeof rec.activities.syncEnforcement>[0]) => { calls.push(`sync ${state.usagePeriod.start}`); return rec.activities.syncEnforcement(state); },
      resetUsage: async (input: Parameters<typeof rec.activities.resetUsage>[0]) => { calls.push(`reset ${input.period.start}`); return rec.activities.resetUsage(input); },
    };
    await runScenario(suite, 'period-3', async ({ handle, started }) => {
      await sleepPastPeriodEnd(handle);
      await eventually(async () => (rec.resets.length >= 1 ? true : undefined), 'the period reset');
      const next = rec.resets[0]!.nextPeriod.start;
      const rollover = calls.filter((c) => c === `sync ${next}` || c.startsWith('reset')).slice(0, 2);
      expect(rollover).toEqual([`sync ${next}`, `reset ${started.usagePeriod.start}`]);
      await finishScenario(suite.env, handle.workflowId, 'rollover-sync-before-reset');
    }, { rec, activities });
  });

  it('applies a signal that arrives while continue-as-new is under way', async () => {
    const rec = recordingActivities();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let resetStarted = false;
    const activities = { ...rec.activities, resetUsage: async (input: Parameters<typeof rec.activities.resetUsage>[0]) => { resetStarted = true; await gate; return rec.activities.resetUsage(input); } };
    await runScenario(suite, 'period-2', async ({ handle }) => {
      const firstRun = await runIdOf(handle);
      // Time skipping pauses while an activity runs, so the sleep completes only after release().
      const sleeping = sleepPastPeriodEnd(handle);
      await eventually(async () => (resetStarted ? true : undefined), 'the period reset to start');
      await handle.signal(adminActionSignal, { type: 'suspend', reason: 'abuse report', actor: 'admin-1' });
      release();
      await sleeping;
      const state = await eventually(async () => {
        const current = suite.env.client.workflow.getHandle(handle.workflowId);
        if ((await runIdOf(current)) === firstRun) return undefined;
        const s = await current.query(stateQuery);
        return s.status === 'suspended' ? s : undefined;
      }, 'the new run to apply the suspension');
      expect(state.statusReason).toBe('abuse report');
      expect(rec.types()).toContain('tenant.suspended');
      await finishScenario(suite.env, handle.workflowId, 'signal-across-continue-as-new');
    }, { rec, activities });
  });
});
