import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotUsage } from '../../../services/usage/snapshot-usage.js';
import { ensureSchedules, planSyncScheduleId, stripeReconcileScheduleId, usageSnapshotScheduleId } from '../../../workers/schedules.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';
import { eventually } from '../../support/wait.js';

// The schedule, its workflow and the activity, on the real Temporal dev server (a task queue of our own).
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false, env: { USAGE_SNAPSHOT_CRON: '7 3 * * *' } }); });
afterAll(async () => {
  await stack?.deps.temporal.schedule.getHandle(usageSnapshotScheduleId(stack.config)).delete().catch(() => undefined);
  await stack?.deps.temporal.schedule.getHandle(planSyncScheduleId(stack.config)).delete().catch(() => undefined);
  await stack?.deps.temporal.schedule.getHandle(stripeReconcileScheduleId(stack.config)).delete().catch(() => undefined);
  await stack?.close();
});

describe('daily usage snapshot schedule', () => {
  it('is created once and updated on later calls', async () => {
    const ids = [usageSnapshotScheduleId(stack.config), planSyncScheduleId(stack.config), stripeReconcileScheduleId(stack.config)];
    expect(await ensureSchedules(stack.deps.temporal, stack.config)).toEqual({ created: ids, updated: [] });
    expect(await ensureSchedules(stack.deps.temporal, stack.config)).toEqual({ created: [], updated: ids });
    const described = await stack.deps.temporal.schedule.getHandle(usageSnapshotScheduleId(stack.config)).describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 7, end: 7, step: 1 }] });
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'dailyUsageSnapshot', taskQueue: stack.config.temporal.taskQueue });
  });

  it('runs the snapshot workflow when triggered, writing the counters to tenant_usage', async () => {
    const tenantId = await seedTenant(stack);
    await stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: bearer(signToken(stack.config.auth.jwtSecret, { roles: ['service'] })), payload: { metric: 'campaigns', amount: 2 } });
    await ensureSchedules(stack.deps.temporal, stack.config);
    const connection = await NativeConnection.connect({ address: stack.config.temporal.address });
    const worker = await Worker.create({
      connection, namespace: stack.config.temporal.namespace, taskQueue: stack.config.temporal.taskQueue,
      workflowsPath: fileURLToPath(new URL('../../../workflows/usage-snapshot.ts', import.meta.url)),
      activities: { snapshotUsage: snapshotUsage({ db: stack.deps.db, redis: stack.deps.redis, log: stack.log, features: stack.deps.features }) },
    });
    try {
      await worker.runUntil(async () => {
        await stack.deps.temporal.schedule.getHandle(usageSnapshotScheduleId(stack.config)).trigger();
        await eventually(async () => {
          const rows = await stack.database.sql<{ value: string }[]>`select value from tenant_usage where tenant_id = ${tenantId} and metric = 'campaigns' and kind = 'daily'`;
          return rows.length === 1 ? Number(rows[0]!.value) : undefined;
        }, 'the daily snapshot row', 60_000).then((v) => expect(v).toBe(2));
      });
    } finally {
      await connection.close();
    }
  });
});
