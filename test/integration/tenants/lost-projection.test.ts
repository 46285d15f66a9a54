import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerMetrics } from '../../../config/metrics.js';
import { accessKey, limitsKey } from '../../../domain/usage/keys.js';
import { countStuckLifecycles } from '../../../services/lifecycle/lifecycle-client.js';
import { attentionQuery, workflowIdOf } from '../../../workflows/messages.js';
import { SEARCH_ATTRIBUTE_KEYS } from '../../../workflows/search-attribute-keys.js';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { eventually } from '../../support/wait.js';

// The lifecycle holds the truth and the `tenants` row is its projection: a row Postgres loses is
// written again, and readers answer meanwhile instead of failing. A write Postgres refuses for good
// (here a real CHECK constraint) marks the tenant NeedsAttention and `tenure tenants repair` fixes it.

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc-test', roles: ['service'] }));
const tenantUser = (tenantId: string) => bearer(signToken(stack.config.auth.jwtSecret, { tenantId, roles: ['tenant_user'] }));
const row = async (tenantId: string) => (await stack.database.sql`select version, status from tenants where tenant_id = ${tenantId}`)[0] ?? null;
const loseRow = (tenantId: string) => stack.database.sql`delete from tenants where tenant_id = ${tenantId}`;
/** Drops the tenant's Redis enforcement too, so the status must come from the projection or the workflow. */
async function loseEnforcement(tenantId: string): Promise<void> {
  expect(await stack.deps.redis.del(limitsKey(tenantId), accessKey(tenantId))).toBe(2);
}
const register = (tenantId: string) => stack.app.inject({ method: 'POST', url: '/tenants', headers: service(), payload: { tenantId } });
const needsAttention = async (tenantId: string) => (await stack.deps.temporal.workflow.getHandle(workflowIdOf(tenantId)).describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.NeedsAttention);

describe('a lost projection row', () => {
  it('POST /tenants answers 200 from the lifecycle and the row comes back', async () => {
    const tenantId = uid('lost-reg-');
    await registerTenant(stack, tenantId);
    const live = await workflowState(stack, tenantId);
    await loseRow(tenantId);

    const res = await register(tenantId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: false, tenant: { tenantId, status: 'active', plan: { id: live.plan.id }, version: live.version } });
    expect(await row(tenantId)).toMatchObject({ version: live.version, status: 'active' });
  });

  it('the status and the usage report answer, and the row and enforcement come back', async () => {
    const tenantId = uid('lost-read-');
    await registerTenant(stack, tenantId);
    const live = await workflowState(stack, tenantId);
    await loseRow(tenantId);
    await loseEnforcement(tenantId);

    const status = await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: service() });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ tenantId, status: 'active', access: 'full', version: live.version });
    expect(await row(tenantId)).toMatchObject({ version: live.version });

    await loseRow(tenantId);
    const usage = await stack.app.inject({ method: 'GET', url: '/billings/usage', headers: tenantUser(tenantId) });
    expect(usage.statusCode).toBe(200);
    expect(usage.json()).toMatchObject({ tenantId, planId: live.plan.id });
    expect(await row(tenantId)).toMatchObject({ version: live.version });
  });

  it('an unknown tenant is still 404', async () => {
    const status = await stack.app.inject({ method: 'GET', url: `/internal/tenants/${uid('nobody-')}/status`, headers: service() });
    expect(status.statusCode).toBe(404);
    expect(status.json().error.code).toBe('TENANT_NOT_FOUND');
  });
});

describe('a projection write Postgres refuses for good', () => {
  it('registers from the lifecycle state, marks NeedsAttention and counts it, and repair clears it once fixed', async () => {
    const tenantId = uid('stuck-');
    await stack.database.sql.unsafe(`alter table tenants add constraint refuse_stuck_tenant check (tenant_id <> '${tenantId}')`);

    // The first projection write is refused (SQLSTATE 23514) three times, then held back.
    const res = await register(tenantId);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: true, tenant: { tenantId, status: 'active', version: 1 } });
    expect(await row(tenantId)).toBeNull();
    const attention = await stack.deps.temporal.workflow.getHandle(workflowIdOf(tenantId)).query(attentionQuery);
    expect(attention).toMatchObject({ reason: 'persistProjection: DATA_REJECTED', pending: [{ type: 'persistProjection' }] });
    expect(attention!.failures[0]!.message).toContain('23514');
    expect(await needsAttention(tenantId)).toBe('persistProjection: DATA_REJECTED');

    // Enforcement went on (another activity): the status answers; so does a repeated registration.
    const status = await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: service() });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ tenantId, access: 'full' });
    expect((await register(tenantId)).statusCode).toBe(200);

    const metrics = createWorkerMetrics({ countActiveTrials: async () => 0, outboxBacklog: async () => ({ pending: 0, oldestRecordedAt: null }), countStuckLifecycles: () => countStuckLifecycles(stack.deps.temporal, stack.config.temporal.taskQueue) });
    await eventually(async () => ((await metrics.registry.metrics()).includes('\nbilling_lifecycle_stuck 1\n') ? true : undefined), 'billing_lifecycle_stuck at 1');

    const env = cliEnv(stack.config);
    const early = await runTenure(['tenants', 'repair', tenantId], { env });
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('still needs attention (persistProjection: DATA_REJECTED)');

    await stack.database.sql.unsafe('alter table tenants drop constraint refuse_stuck_tenant');
    const repaired = await runTenure(['tenants', 'repair', tenantId], { env });
    expect(repaired).toMatchObject({ code: 0, stdout: `${tenantId}: repaired, nothing waits for a repair\n` });
    expect(await row(tenantId)).toMatchObject({ version: 1, status: 'active' });
    expect(await needsAttention(tenantId)).toBeUndefined();
    await eventually(async () => ((await metrics.registry.metrics()).includes('\nbilling_lifecycle_stuck 0\n') ? true : undefined), 'billing_lifecycle_stuck back at 0');
  });
});
