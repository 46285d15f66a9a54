import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../services/admin/passwords.js';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

// The tenure CLI as an operator runs it (a separate process), against a real database and Temporal.

let stack: TestStack;
let env: Record<string, string>;
const [a, b, c] = [uid('cli-a-'), uid('cli-b-'), uid('cli-c-')];
const admin = uid('admin-');
const password = 'correct horse battery staple';

beforeAll(async () => {
  stack = await startTestStack();
  env = cliEnv(stack.config);
  for (const t of [a, b, c]) await registerTenant(stack, t);
  // Suspensions and limit overrides re-authenticate too (the lock test below sets it again, by the CLI).
  await setAdminPassword(stack.database.db, admin, password);
});
afterAll(async () => { await stack?.close(); });

const tenure = (args: string[], stdin?: string) => runTenure(args, { env, stdin });
const audit = async (tenantId: string) => stack.database.sql`select action, outcome, admin_id, details from admin_audit where tenant_id = ${tenantId} order by id`;

describe('tenure tenants list and show', () => {
  it('lists the projection with filters, as a table or JSON', async () => {
    const suspended = await tenure(['tenants', 'suspend', b, '--reason', 'terms review', '--admin', admin, '--password-stdin'], `${password}\n`);
    expect(suspended).toMatchObject({ code: 0, stdout: expect.stringContaining(`suspend applied to ${b}: status suspended`) });
    await stateWhere(stack, b, (s) => s.status === 'suspended', 'suspended');

    const all = await tenure(['tenants', 'list', '--json']);
    expect(all.code).toBe(0);
    const page = JSON.parse(all.stdout) as { total: number; tenants: { tenantId: string; status: string }[] };
    expect(page.total).toBe(3);
    expect(page.tenants.map((t) => t.tenantId)).toEqual([a, b, c].sort());

    const filtered = await tenure(['tenants', 'list', '--status', 'suspended']);
    expect(filtered.code).toBe(0);
    expect(filtered.stdout).toContain(b);
    expect(filtered.stdout).not.toContain(a);
    expect(filtered.stdout.split('\n')[0]).toMatch(/^TENANT\s+STATUS\s+PAYMENT/);
    expect(filtered.stderr).toContain('1 of 1 tenant(s)');

    const paged = JSON.parse((await tenure(['tenants', 'list', '--json', '--limit', '1', '--offset', '1', '--plan', 'starter'])).stdout) as typeof page;
    expect(paged).toMatchObject({ total: 3, tenants: [{ tenantId: [a, b, c].sort()[1] }] });
  });

  it('shows the projection and the live workflow state', async () => {
    const shown = await tenure(['tenants', 'show', b]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/status\s+suspended \(terms review\)/);
    expect(shown.stdout).toMatch(/plan\s+starter/);
    const json = JSON.parse((await tenure(['tenants', 'show', a, '--json'])).stdout) as { projection: { tenantId: string }; workflow: { status: string; trial: object } };
    expect(json).toMatchObject({ projection: { tenantId: a }, workflow: { status: 'active' } });
    expect(json.workflow.trial).toBeTruthy();

    const missing = await tenure(['tenants', 'show', 'no-such-tenant']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('TENANT_NOT_FOUND');
  });
});

describe('tenure lock and unlock re-authenticate the admin', () => {
  it('sets a password, refuses a wrong one without changing anything, then locks and unlocks', async () => {
    const short = await tenure(['admin', 'set-password', admin, '--password-stdin'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    expect((await tenure(['admin', 'set-password', admin, '--password-stdin'], `${password}\n`)).code).toBe(0);

    const before = await workflowState(stack, c);
    const wrong = await tenure(['tenants', 'lock', c, '--reason', 'fraud check', '--duration', '2h', '--admin', admin, '--password-stdin'], 'not the password\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('REAUTH_FAILED');
    const after = await workflowState(stack, c);
    expect(after.status).toBe('active');
    expect(after.version).toBe(before.version);
    expect((await audit(c)).map((r) => [r.action, r.outcome])).toEqual([['lock', 'rejected']]);

    const locked = await tenure(['tenants', 'lock', c, '--reason', 'fraud check', '--duration', '2h', '--admin', admin, '--password-stdin', '--json'], `${password}\n`);
    expect(locked.code).toBe(0);
    const state = JSON.parse(locked.stdout) as { status: string; lockedUntil: number; lockedAt: number };
    expect(state.status).toBe('locked');
    expect(state.lockedUntil - state.lockedAt).toBe(2 * 3_600_000);

    const again = await tenure(['tenants', 'lock', c, '--reason', 'twice', '--admin', admin, '--password-stdin'], `${password}\n`);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('INVALID_TRANSITION');

    const unlocked = await tenure(['tenants', 'unlock', c, '--reason', 'cleared', '--admin', admin, '--password-stdin'], `${password}\n`);
    expect(unlocked).toMatchObject({ code: 0, stdout: expect.stringContaining('status active') });
    expect((await audit(c)).map((r) => [r.action, r.outcome, r.admin_id])).toEqual([
      ['lock', 'rejected', admin], ['lock', 'applied', admin], ['lock', 'rejected', admin], ['unlock', 'applied', admin],
    ]);
  });

  it('applies the other overrides through the workflow', async () => {
    const before = await workflowState(stack, a);
    const extended = await tenure(['tenants', 'trial', 'extend', a, '--by', '7d', '--admin', admin, '--json']);
    expect(extended.code).toBe(0);
    expect((JSON.parse(extended.stdout) as { trial: { endsAt: number } }).trial.endsAt).toBe(before.trial!.endsAt + 7 * 86_400_000);

    const limits = await tenure(['tenants', 'limits', 'override', a, '--set', 'campaigns=10', '--set', 'seats=unlimited', '--reason', 'pilot', '--admin', admin, '--password-stdin'], `${password}\n`);
    expect(limits.code).toBe(0);
    expect(limits.stdout).toContain('overrides campaigns=10, seats=unlimited');
    expect((await workflowState(stack, a)).overrides.map(({ key, ...o }) => [key, 'limit' in o ? o.limit : o.enabled])).toEqual([['campaigns', 10], ['seats', null]]);

    // stripe-mock knows every coupon id and reports it valid; the API's own tests cover refusals.
    const discounted = await tenure(['tenants', 'discount', a, '--coupon', 'SPRING25', '--admin', admin]);
    expect(discounted).toMatchObject({ code: 0, stdout: expect.stringContaining('discount SPRING25') });
    expect((await workflowState(stack, a)).discount?.couponId).toBe('SPRING25');
    expect((await audit(a)).map((r) => r.action)).toEqual(expect.arrayContaining(['extendTrial', 'overrideLimits', 'applyDiscount']));
  });
});
