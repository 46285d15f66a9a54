import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleArgs } from '../../../services/lifecycle/lifecycle-args.js';
import { createBillingWorker } from '../../../workers/create-worker.js';
import { WORKFLOW_TYPE, workflowIdOf } from '../../../workflows/messages.js';
import { NativeConnection } from '@temporalio/worker';
import { uid } from '../../support/ids.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { eventually } from '../../support/wait.js';

// The admin audit row is written before the action runs (`requested`) and moved to its outcome
// after, so an action the workflow applied always has its row, whatever happens to the API process
// in between. Here no worker runs at first, so the action stays in flight and its row is visible.

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const audit = (tenantId: string) => stack.database.sql`select admin_id, action, reason, outcome, decided_at is not null as decided from admin_audit where tenant_id = ${tenantId} order by id`;

describe('the admin audit row', () => {
  it('exists as requested while the action is in flight, and holds the outcome once it is applied', async () => {
    const t = uid('audit-');
    const args = await lifecycleArgs(stack.deps, t, null, `${t}@example.com`);
    await stack.deps.temporal.workflow.start(WORKFLOW_TYPE, { workflowId: workflowIdOf(t), taskQueue: stack.config.temporal.taskQueue, args: [args] });

    const admin = bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-audit', roles: ['platform_admin'] }));
    const answer = stack.app.inject({ method: 'POST', url: `/admin/tenants/${t}/trial/extend`, headers: admin, payload: { days: 3, reason: 'sales promise' } });

    const inFlight = await eventually(async () => { const rows = await audit(t); return rows.length > 0 ? rows : undefined; }, 'the audit row of the action in flight', 10_000);
    expect(inFlight).toEqual([{ admin_id: 'admin-audit', action: 'extendTrial', reason: 'sales promise', outcome: 'requested', decided: false }]);

    const connection = await NativeConnection.connect({ address: stack.config.temporal.address });
    const worker = await createBillingWorker({ connection, namespace: stack.config.temporal.namespace, taskQueue: stack.config.temporal.taskQueue, activities: { db: stack.deps.db, redis: stack.deps.redis, log: stack.log, stripe: stack.deps.stripe, features: stack.deps.features } });
    const running = worker.run();
    try {
      const res = await answer;
      expect(res.statusCode).toBe(200);
      const rows = await audit(t);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'extendTrial', outcome: 'applied', decided: true });
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
