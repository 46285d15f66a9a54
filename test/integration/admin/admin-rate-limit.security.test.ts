import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../services/admin/passwords.js';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// The rate limiter keeps its counters in Redis. When it cannot reach Redis, the other routes keep
// serving (skipOnError), but the admin routes fail closed: 503 DEPENDENCY_UNAVAILABLE, nothing done.

let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
beforeAll(async () => {
  stack = await startTestStack();
  await setAdminPassword(stack.database.db, 'admin-rl', PASSWORD);
});
afterAll(async () => {
  if (stack && stack.deps.redis.status === 'end') await stack.deps.redis.connect();
  await stack?.close();
});

const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-rl', roles: ['platform_admin'] }));

describe('admin routes when the rate limiter cannot reach Redis', () => {
  it('answer 503 DEPENDENCY_UNAVAILABLE and apply nothing', async () => {
    const t = uid('rl-');
    await registerTenant(stack, t);
    expect((await stack.app.inject({ method: 'GET', url: '/admin/tenants', headers: admin() })).statusCode).toBe(200);

    stack.deps.redis.disconnect();
    const suspend = await stack.app.inject({ method: 'POST', url: `/admin/tenants/${t}/suspend`, headers: admin(), payload: { reason: 'abuse', password: PASSWORD } });
    expect(suspend.statusCode).toBe(503);
    expect(suspend.json().error.code).toBe('DEPENDENCY_UNAVAILABLE');
    const list = await stack.app.inject({ method: 'GET', url: '/admin/tenants', headers: admin() });
    expect(list.statusCode).toBe(503);
    expect(list.json().error.code).toBe('DEPENDENCY_UNAVAILABLE');

    expect((await workflowState(stack, t)).status).toBe('active');
    expect(await stack.database.sql`select 1 from admin_audit where tenant_id = ${t}`).toHaveLength(0);
  });
});
