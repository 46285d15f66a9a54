import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Every duration, amount and count is bounded at the boundary: a request out of bounds is a 400,
// and nothing reaches a workflow that would make its activity or its task fail.
let stack: TestStack;
let tenantId: string;
beforeAll(async () => {
  stack = await startTestStack();
  tenantId = uid('bounds-');
  await registerTenant(stack, tenantId);
});
afterAll(async () => { await stack?.close(); });

const DAY = 86_400_000;
const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-bounds', roles: ['platform_admin'] }));
const act = (path: string, payload: object) => stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantId}/${path}`, headers: admin(), payload });

describe('bounded admin inputs', () => {
  it('refuses a trial extension beyond 365 days with 400, and the tenant keeps working', async () => {
    const before = (await workflowState(stack, tenantId)).trial!.endsAt;
    for (const duration of ['100000000d', '366d', '52w2d', '8761h']) {
      const res = await act('trial/extend', { duration });
      expect(res.statusCode, duration).toBe(400);
      expect(res.json().error.code, duration).toBe('VALIDATION_FAILED');
    }
    expect((await act('trial/extend', { duration: '1s'.repeat(200) })).statusCode).toBe(400);
    const ok = await act('trial/extend', { duration: '365d' });
    expect(ok.statusCode).toBe(200);
    expect((await workflowState(stack, tenantId)).trial!.endsAt).toBe(before + 365 * DAY);
    const projection = await stack.database.sql`select trial_ends_at from tenants where tenant_id = ${tenantId}`;
    expect(new Date(projection[0]!.trial_ends_at as string).getTime()).toBe(before + 365 * DAY);
  });

  it('refuses limit overrides above the largest count a plan can hold', async () => {
    for (const seats of [2_147_483_648, 1e300]) {
      const res = await act('limits/override', { limits: { seats } });
      expect(res.statusCode, String(seats)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await workflowState(stack, tenantId)).overrides).toEqual([]);
  });

  it('refuses an admin tenant list offset beyond its bound', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/admin/tenants?offset=999999999999999', headers: admin() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
