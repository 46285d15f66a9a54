import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { adminHeaders, planBody } from './plan-helpers.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const create = (payload: unknown) => stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(stack), payload: payload as Record<string, unknown> });
const planCount = async () => (await stack.database.sql`select count(*)::int as n from plans`)[0]!.n as number;
const expectError = (res: { statusCode: number; json(): { error: { code: string; requestId: string } } }, status: number, code: string) => {
  expect(res.statusCode).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.requestId).toBeTruthy();
};

describe('plan validation', () => {
  const badLimits: [string, Record<string, unknown>][] = [
    ['a negative limit', { campaigns: -1 }],
    ['a fractional limit', { campaigns: 2.5 }],
    ['a limit given as text', { campaigns: '10' }],
    ['an unknown metric', { api_calls: 10 }],
  ];
  it.each(badLimits)('rejects %s with 400 VALIDATION_FAILED and stores nothing', async (_name, change) => {
    const before = await planCount();
    const res = await create(planBody('bad-limits', { limits: { ...planBody('x').limits, ...change } }));
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(await planCount()).toBe(before);
  });

  it('refuses entitlements naming an unknown feature or of the wrong kind, naming the feature, and both entitlements and limits', async () => {
    const unknown = await create(planBody('rockets', { limits: undefined, entitlements: { rockets: { limit: 5 } } }));
    expectError(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.json().error.details).toMatchObject({ feature: 'rockets', problem: 'unknown_feature' });
    const legacy = await create(planBody('rockets-legacy', { limits: { rockets: 5 } }));
    expect(legacy.json().error.details).toMatchObject({ feature: 'rockets', problem: 'unknown_feature' });
    const wrongKind = await create(planBody('wrong-kind', { limits: undefined, entitlements: { advanced_analytics: { limit: 3 } } }));
    expectError(wrongKind, 400, 'VALIDATION_FAILED');
    expect(wrongKind.json().error.details).toMatchObject({ feature: 'advanced_analytics', problem: 'wrong_kind' });
    expectError(await create(planBody('both', { entitlements: { seats: { limit: 3 } } })), 400, 'VALIDATION_FAILED');
    expectError(await create(planBody('neither', { limits: undefined })), 400, 'VALIDATION_FAILED');
  });

  it('rejects a bad id, a negative price, unknown fields and a missing name', async () => {
    expectError(await create(planBody('Has Spaces')), 400, 'VALIDATION_FAILED');
    expectError(await create(planBody('neg', { priceMonthlyCents: -100 })), 400, 'VALIDATION_FAILED');
    expectError(await create(planBody('extra', { discount: 10 })), 400, 'VALIDATION_FAILED');
    const { name: _n, ...nameless } = planBody('nameless');
    expectError(await create(nameless), 400, 'VALIDATION_FAILED');
  });

  it('refuses manual invoicing on a public plan', async () => {
    const res = await create(planBody('manual-public', { manualInvoicing: true }));
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.json().error.message).toMatch(/tenantId/);
  });

  it('rejects an empty or invalid update', async () => {
    expectError(await stack.app.inject({ method: 'PUT', url: '/admin/plans/growth', headers: adminHeaders(stack), payload: {} }), 400, 'VALIDATION_FAILED');
    expectError(await stack.app.inject({ method: 'PUT', url: '/admin/plans/growth', headers: adminHeaders(stack), payload: { id: 'renamed' } }), 400, 'VALIDATION_FAILED');
    expectError(await stack.app.inject({ method: 'PUT', url: '/admin/plans/growth', headers: adminHeaders(stack), payload: { limits: { campaigns: -5 } } }), 400, 'VALIDATION_FAILED');
    expectError(await stack.app.inject({ method: 'PUT', url: '/admin/plans/growth', headers: adminHeaders(stack), payload: { entitlements: { seats: { enabled: true } } } }), 400, 'VALIDATION_FAILED');
  });

  it('rejects bad paging parameters', async () => {
    for (const query of ['limit=0', 'limit=500', 'offset=-1', 'limit=ten', 'includeInactive=yes', 'color=red']) {
      expectError(await stack.app.inject({ method: 'GET', url: `/admin/plans?${query}`, headers: adminHeaders(stack) }), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('unknown and conflicting plans', () => {
  it('answers 404 PLAN_NOT_FOUND for an unknown plan on read, update and delete', async () => {
    expectError(await stack.app.inject({ method: 'GET', url: '/admin/plans/nope', headers: adminHeaders(stack) }), 404, 'PLAN_NOT_FOUND');
    expectError(await stack.app.inject({ method: 'PUT', url: '/admin/plans/nope', headers: adminHeaders(stack), payload: { name: 'x' } }), 404, 'PLAN_NOT_FOUND');
    expectError(await stack.app.inject({ method: 'DELETE', url: '/admin/plans/nope', headers: adminHeaders(stack) }), 404, 'PLAN_NOT_FOUND');
  });

  it('answers 409 CONFLICT for a duplicate id, also of a deleted plan, and keeps the original', async () => {
    expect((await create(planBody('dup'))).statusCode).toBe(201);
    const again = await create(planBody('dup', { name: 'Other' }));
    expectError(again, 409, 'CONFLICT');
    await stack.app.inject({ method: 'DELETE', url: '/admin/plans/dup', headers: adminHeaders(stack) });
    expectError(await create(planBody('dup')), 409, 'CONFLICT');
    const stored = await stack.app.inject({ method: 'GET', url: '/admin/plans/dup', headers: adminHeaders(stack) });
    expect(stored.json()).toMatchObject({ name: 'Plan dup', isActive: false });
  });

  it('refuses to deactivate or bind the free and starter plans the lifecycle relies on', async () => {
    expectError(await stack.app.inject({ method: 'DELETE', url: '/admin/plans/free', headers: adminHeaders(stack) }), 409, 'CONFLICT');
    expectError(await stack.app.inject({ method: 'PUT', url: '/admin/plans/starter', headers: adminHeaders(stack), payload: { isActive: false } }), 409, 'CONFLICT');
    expectError(await stack.app.inject({ method: 'PUT', url: '/admin/plans/starter', headers: adminHeaders(stack), payload: { tenantId: 'acme' } }), 409, 'CONFLICT');
    const plans = (await stack.app.inject({ method: 'GET', url: '/plans' })).json().plans.map((p: { id: string }) => p.id);
    expect(plans).toEqual(expect.arrayContaining(['free', 'starter']));
  });
});
