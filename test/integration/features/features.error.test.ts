import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPlan } from '../../../db/seed/demo-plans.js';
import { upsertProjection } from '../../../db/queries/tenants.js';
import { initialState, type TenantState } from '../../../domain/lifecycle/index.js';
import { toPlanSnapshot } from '../../../domain/plans/types.js';
import { toProjection } from '../../../services/tenants/persist-projection.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { asAdmin } from './feature-helpers.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const expectError = (res: { statusCode: number; json(): { error: { code: string } } }, status: number, code: string) => {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.json().error.code).toBe(code);
};

describe('the feature catalog refuses', () => {
  it('a key that exists (409 CONFLICT), and keeps the first feature', async () => {
    expect((await asAdmin(stack, 'POST', '', { key: 'api_calls', name: 'API calls', kind: 'monthly' })).statusCode).toBe(201);
    const again = await asAdmin(stack, 'POST', '', { key: 'api_calls', name: 'Other', kind: 'gauge' });
    expectError(again, 409, 'CONFLICT');
    expect((await asAdmin(stack, 'GET', '/api_calls')).json()).toMatchObject({ name: 'API calls', kind: 'monthly' });
  });

  it('a bad key, kind or name, and fields it does not know (400 VALIDATION_FAILED)', async () => {
    for (const body of [
      { key: 'Has Caps', name: 'x', kind: 'boolean' },
      { key: '_hidden', name: 'x', kind: 'boolean' },
      { key: 'a:b', name: 'x', kind: 'boolean' },
      { key: `k${'x'.repeat(64)}`, name: 'x', kind: 'boolean' },
      { key: 'ok_key', name: 'x', kind: 'toggle' },
      { key: 'ok_key', name: '', kind: 'boolean' },
      { key: 'ok_key', name: '   ', kind: 'boolean' },
      { key: 'ok_key', kind: 'boolean' },
      { key: 'ok_key', name: 'x', kind: 'boolean', limit: 5 },
    ]) expectError(await asAdmin(stack, 'POST', '', body), 400, 'VALIDATION_FAILED');
    expect((await asAdmin(stack, 'GET', '/ok_key')).statusCode).toBe(404);
  });

  it('a path key that is not a feature key (400), and one no feature has (404 NOT_FOUND)', async () => {
    expectError(await asAdmin(stack, 'GET', '/Not_A_Key'), 400, 'VALIDATION_FAILED');
    expectError(await asAdmin(stack, 'DELETE', `/${'k'.repeat(65)}`), 400, 'VALIDATION_FAILED');
    expectError(await asAdmin(stack, 'GET', '/no_such_feature'), 404, 'NOT_FOUND');
    expectError(await asAdmin(stack, 'PUT', '/no_such_feature', { name: 'x' }), 404, 'NOT_FOUND');
    expectError(await asAdmin(stack, 'DELETE', '/no_such_feature'), 404, 'NOT_FOUND');
  });

  it('a change of kind on PUT, an empty PUT and unknown fields, leaving the feature as it was', async () => {
    expect((await asAdmin(stack, 'POST', '', { key: 'exports', name: 'Exports', kind: 'monthly' })).statusCode).toBe(201);
    const changed = await asAdmin(stack, 'PUT', '/exports', { name: 'Exports', kind: 'gauge' });
    expectError(changed, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(changed.json())).toContain('never changes');
    expectError(await asAdmin(stack, 'PUT', '/exports', {}), 400, 'VALIDATION_FAILED');
    expectError(await asAdmin(stack, 'PUT', '/exports', { key: 'renamed' }), 400, 'VALIDATION_FAILED');
    expectError(await asAdmin(stack, 'PUT', '/exports', { name: ' ' }), 400, 'VALIDATION_FAILED');
    expect((await asAdmin(stack, 'GET', '/exports')).json()).toMatchObject({ key: 'exports', name: 'Exports', kind: 'monthly' });
  });
});

describe('deleting a feature in use', () => {
  it('is 409 FEATURE_IN_USE naming the plans whose entitlements name it, then 204 once none does', async () => {
    expect((await asAdmin(stack, 'POST', '', { key: 'priority_support', name: 'Priority support', kind: 'boolean' })).statusCode).toBe(201);
    // Written directly: the plan services do not write entitlements yet.
    await stack.database.sql`insert into plans (id, name, rank, price_monthly_cents, entitlements) values
      ('feat-plan-b', 'B', 91, 0, ${JSON.stringify({ priority_support: { enabled: true } })}::jsonb),
      ('feat-plan-a', 'A', 90, 0, ${JSON.stringify({ priority_support: { enabled: false }, seats: { limit: 3 } })}::jsonb)`;
    const refused = await asAdmin(stack, 'DELETE', '/priority_support');
    expectError(refused, 409, 'FEATURE_IN_USE');
    expect(refused.json().error.details).toEqual({ feature: 'priority_support', plans: ['feat-plan-a', 'feat-plan-b'], planCount: 2, tenants: [], tenantCount: 0 });
    expect((await asAdmin(stack, 'GET', '/priority_support')).statusCode).toBe(200);

    await stack.database.sql`update plans set entitlements = entitlements - 'priority_support' where id in ('feat-plan-a', 'feat-plan-b')`;
    expect((await asAdmin(stack, 'DELETE', '/priority_support')).statusCode).toBe(204);
  });

  it('is 409 FEATURE_IN_USE naming the tenants with an override of it, then 204 once none has', async () => {
    expect((await asAdmin(stack, 'POST', '', { key: 'beta_reports', name: 'Beta reports', kind: 'boolean' })).statusCode).toBe(201);
    const overrides = [{ key: 'beta_reports', enabled: true, reason: 'pilot', until: null }];
    await project('feat-tenant-1', overrides);
    await project('feat-tenant-2', []);
    const refused = await asAdmin(stack, 'DELETE', '/beta_reports');
    expectError(refused, 409, 'FEATURE_IN_USE');
    expect(refused.json().error.details).toMatchObject({ feature: 'beta_reports', plans: [], tenants: ['feat-tenant-1'], tenantCount: 1 });

    await project('feat-tenant-1', [], 2);
    expect((await asAdmin(stack, 'DELETE', '/beta_reports')).statusCode).toBe(204);
  });
});

/** Writes a tenant's projection row as the lifecycle would, with the given overrides in its state. */
async function project(tenantId: string, overrides: TenantState['overrides'], version = 1): Promise<void> {
  const { state } = initialState({
    tenantId, now: Date.now(), trialPlan: toPlanSnapshot(defaultPlan('starter')), freePlan: toPlanSnapshot(defaultPlan('free')),
    config: { trialPeriodMs: 0, trialRemindersMs: [], dunningRestrictAfterMs: 1, dunningLockAfterMs: 2, defaultAdminLockMs: null },
  });
  await upsertProjection(stack.deps.db, toProjection({ ...state, overrides, version }));
}
