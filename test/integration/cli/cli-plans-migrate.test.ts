import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// `tenure plans migrate`: the dry run prints the per-tenant report as a table and changes nothing;
// a bad flag is a usage error (exit 2).
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

describe('tenure plans migrate', () => {
  it('a dry run of a trial tenant on starter lists it with the changed limit, and the tenant stays on version 1', async () => {
    const t = uid('clim-');
    await registerTenant(stack, t);
    const headers = bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-1', roles: ['platform_admin'] }));
    const starter = (await stack.app.inject({ method: 'GET', url: '/admin/plans/starter', headers })).json();
    const edit = await stack.app.inject({ method: 'PATCH', url: '/admin/plans/starter', headers, payload: { entitlements: { ...starter.entitlements, campaigns: { limit: 9 } } } });
    expect(edit.json().version).toBe(2);
    const res = await runTenure(['plans', 'migrate', 'starter', '--to', '2', '--dry-run', '--tenant', t], { env: cliEnv(stack.config), timeoutMs: 90_000 });
    expect(res.code).toBe(0);
    const row = res.stdout.split('\n').find((l) => l.startsWith(t));
    expect(row?.split(/\s{2,}/)).toEqual([t, 'v1', 'previewed', `campaigns ${starter.entitlements.campaigns.limit}→9`]);
    expect(res.stderr).toContain('completed: previewed 1');
    expect((await workflowState(stack, t)).plan.version).toBe(1);
  });

  it('refuses an effective it does not know with exit code 2', async () => {
    const res = await runTenure(['plans', 'migrate', 'starter', '--to', '2', '--effective', 'later'], { env: cliEnv(stack.config) });
    expect([res.code, res.stderr]).toEqual([2, expect.stringContaining('--effective must be now or period_end')]);
  });
});
