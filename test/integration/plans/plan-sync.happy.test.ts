import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledActivities } from '../../../activities/schedules.js';
import { ensureSchedule, planSyncSchedule, planSyncScheduleId } from '../../../workers/schedules.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { eventually } from '../../support/wait.js';
import { adminHeaders } from './plan-helpers.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false, env: { PLAN_SYNC_CRON: '9 4 * * *' } }); });
afterAll(async () => {
  await stack?.deps.temporal.schedule.getHandle(planSyncScheduleId(stack.config)).delete().catch(() => undefined);
  await stack?.close();
});

const publicPlans = async () => (await stack.app.inject({ method: 'GET', url: '/plans' })).json().plans as { id: string; priceMonthlyCents: number }[];

describe('plan sync against stripe-mock', () => {
  it('POST /admin/plans/sync makes only calls Stripe accepts, skips fixture products without entitlements, and keeps the catalog', async () => {
    const res = await stack.app.inject({ method: 'POST', url: '/admin/plans/sync', headers: adminHeaders(stack) });
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary).toMatchObject({ created: [], updated: [], deactivated: [] });
    expect(summary.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ productId: expect.stringMatching(/^prod_/), reason: expect.stringMatching(/no entitlements metadata/) })]));
    // stripe-mock says the seeded products still exist and are active, so their plans stay.
    expect(summary.skipped).toEqual(expect.arrayContaining([{ productId: 'prod_starter', reason: expect.stringMatching(/left as is/) }]));
    expect((await publicPlans()).map((p) => p.id)).toEqual(['free', 'starter', 'growth']);
  });
});

describe('daily plan sync schedule', () => {
  it('is created once and updated on later calls', async () => {
    expect(await ensureSchedule(stack.deps.temporal, planSyncSchedule(stack.config))).toBe('created');
    expect(await ensureSchedule(stack.deps.temporal, planSyncSchedule(stack.config))).toBe('updated');
    const described = await stack.deps.temporal.schedule.getHandle(planSyncScheduleId(stack.config)).describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 4, end: 4, step: 1 }], minute: [{ start: 9, end: 9, step: 1 }] });
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'syncPlanCatalog', taskQueue: stack.config.temporal.taskQueue });
  });

  it('runs the syncPlanCatalog workflow and its activity against stripe-mock when triggered', async () => {
    try { Runtime.install({ logger: new DefaultLogger('WARN') }); } catch { /* already installed in this process */ }
    const handle = stack.deps.temporal.schedule.getHandle(planSyncScheduleId(stack.config));
    const connection = await NativeConnection.connect({ address: stack.config.temporal.address });
    const worker = await Worker.create({
      connection, namespace: stack.config.temporal.namespace, taskQueue: stack.config.temporal.taskQueue,
      workflowsPath: fileURLToPath(new URL('../../../workflows/plan-sync.ts', import.meta.url)),
      activities: { syncPlansFromStripe: scheduledActivities({ db: stack.deps.db, redis: stack.deps.redis, log: stack.log, stripe: stack.deps.stripe, features: stack.deps.features }).syncPlansFromStripe },
    });
    try {
      await worker.runUntil(async () => {
        await handle.trigger();
        const workflowId = await eventually(async () => {
          const action = (await handle.describe()).info.recentActions[0]?.action;
          return action?.type === 'startWorkflow' ? action.workflow.workflowId : undefined;
        }, 'the triggered sync workflow', 30_000);
        const summary = await stack.deps.temporal.workflow.getHandle(workflowId).result();
        expect(summary.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ reason: expect.stringMatching(/no entitlements metadata/) })]));
      });
    } finally {
      await connection.close();
    }
  });
});
