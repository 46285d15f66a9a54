import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { workflowState } from '../../support/lifecycle.js';
import { localstripeBase } from '../../support/config.js';
import { localstripeClient, monthlyPrice, paidSubscription, startLocalstripeStack } from '../../support/localstripe.js';
import type { TestStack } from '../../support/stack.js';
import { eventually } from '../../support/wait.js';

// `tenure backfill <file>` on the real dev server: each tenant starts in the state it is imported
// with, its Stripe subscription read from localstripe (stateful, so the subscription exists there).

const DAY = 86_400_000;
const stripe = localstripeClient();
let stack: TestStack;
let env: Record<string, string>;
let dir: string;
const id = (name: string) => uid(`bff-${name}-`);
const subscribed = id('sub');
const trialing = id('trial');
const plain = id('plain');
const resumed = id('resume');
const trialEndsAt = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 19) + 'Z';
const createdAt = '2025-03-01T00:00:00Z';
let customer: string;
let subscriptionId: string;
let starterSubscriptionId: string;

beforeAll(async () => {
  stack = await startLocalstripeStack();
  env = cliEnv(stack.config, { STRIPE_API_BASE: localstripeBase() });
  dir = await mkdtemp(join(tmpdir(), 'tenure-backfill-'));
  const price = await monthlyPrice(stripe, 'Backfill growth', 9_900);
  customer = (await stripe.customers.create({ email: 'billing@subscribed.test' })).id;
  subscriptionId = (await paidSubscription(stripe, customer, price)).id;
  const other = (await stripe.customers.create({ email: 'billing@other.test' })).id;
  starterSubscriptionId = (await paidSubscription(stripe, other, price, { planId: 'starter' })).id;
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  await stack?.close();
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
const row = async (tenantId: string) => eventually(async () => {
  const [r] = await stack.database.sql`select plan_id, trial_ends_at, stripe_customer_id, stripe_subscription_id, subscription_status, version from tenants where tenant_id = ${tenantId}`;
  return r && Number(r.version) >= 1 ? r : undefined;
}, `the projection of ${tenantId}`);

describe('tenure backfill <file>', () => {
  let csv: string;
  beforeAll(async () => {
    csv = await file('tenants.csv', [
      'tenantId,name,email,planId,stripeCustomerId,stripeSubscriptionId,trialEndsAt,createdAt',
      `${subscribed},"Subscribed, Inc.",ops@subscribed.test,growth,${customer},${subscriptionId},,${createdAt}`,
      `${trialing},Trialing,ops@trialing.test,growth,,,${trialEndsAt},`,
      `${plain},Plain,ops@plain.test,growth,,,,${createdAt}`,
      `${id('unknown')},Unknown,ops@unknown.test,platinum,,,,`,
      `${id('mail')},Bad mail,not-an-email,growth,,,,`,
      `${id('csv')},Br"oken,ops@broken.test,growth,,,,`,
      `${id('mismatch')},Mismatch,ops@mismatch.test,growth,,${starterSubscriptionId},,`,
      `${id('missing')},Missing,ops@missing.test,growth,,sub_doesnotexist,,`,
    ].join('\n'));
  });

  it('starts each tenant in its imported state and reports each bad row with its line and reason', async () => {
    const res = await runTenure(['backfill', csv, '--batch', '4'], { env, timeoutMs: 200_000 });
    expect(res.stdout + res.stderr).toContain(`backfill: 8 row(s) of ${csv}`);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^backfill: 4\/8 \(/), expect.stringMatching(/^backfill: 8\/8 \(started 3, invalid 5\)$/),
    ]);
    expect(res.stdout).toContain(`backfill: 8 row(s) of ${csv}`);
    expect(res.stdout).toMatch(/started\s+3/);
    expect(res.stdout).toMatch(/invalid \(not started\)\s+5/);
    expect(res.stdout).toMatch(/- line 5 bff-unknown-\S+: invalid \(not started\): unknown planId 'platinum'/);
    expect(res.stdout).toMatch(/- line 6 bff-mail-\S+: invalid \(not started\): email 'not-an-email' is not an email address/);
    expect(res.stdout).toContain('- line 7: invalid (not started): malformed CSV: a quote inside an unquoted field');
    expect(res.stdout).toContain(`invalid (not started): planId is 'growth' but Stripe's subscription ${starterSubscriptionId} is on plan 'starter'`);
    expect(res.stdout).toContain('invalid (not started): Stripe has no subscription sub_doesnotexist');

    // On growth with the Stripe subscription, not in a trial; the projection and the customer link are written.
    const onGrowth = await workflowState(stack, subscribed);
    expect(onGrowth).toMatchObject({ plan: { id: 'growth' }, trial: null, createdAt: Date.parse(createdAt), subscription: { id: subscriptionId, status: 'active', customerId: customer } });
    expect(await row(subscribed)).toMatchObject({ plan_id: 'growth', trial_ends_at: null, stripe_customer_id: customer, stripe_subscription_id: subscriptionId, subscription_status: 'active' });
    const [link] = await stack.database.sql`select customer_id from stripe_customers where tenant_id = ${subscribed}`;
    expect(link?.customer_id).toBe(customer);

    // A trial ending at trialEndsAt, on the plan it trials.
    expect(await workflowState(stack, trialing)).toMatchObject({ plan: { id: 'growth' }, trial: { endsAt: Date.parse(trialEndsAt) }, subscription: null });
    expect(new Date((await row(trialing)).trial_ends_at as string | Date).toISOString()).toBe(new Date(trialEndsAt).toISOString());

    // Neither: on its planId, without a trial.
    expect(await workflowState(stack, plain)).toMatchObject({ plan: { id: 'growth' }, trial: null, subscription: null, createdAt: Date.parse(createdAt) });
  }, 240_000);

  it('starts nothing on a second run, and resumes an interrupted one from the same file', async () => {
    const again = await runTenure(['backfill', csv, '--json'], { env, timeoutMs: 200_000 });
    expect(again.code).toBe(1);
    const summary = JSON.parse(again.stdout) as { counts: Record<string, number>; outcomes: { tenantId: string; result: string; ref: string }[] };
    expect(summary.counts).toMatchObject({ started: 0, running: 3, invalid: 5, failed: 0 });
    expect(summary.outcomes.find((o) => o.tenantId === subscribed)).toMatchObject({ ref: 'line 2', result: 'running' });

    // The run above stopped after two tenants: the JSON file holds those and one more.
    const json = await file('resume.json', JSON.stringify([
      { tenantId: subscribed, name: 'Subscribed, Inc.', email: 'ops@subscribed.test', planId: 'growth', stripeCustomerId: customer, stripeSubscriptionId: subscriptionId },
      { tenantId: trialing, name: 'Trialing', email: 'ops@trialing.test', planId: 'growth', trialEndsAt },
      { tenantId: resumed, name: 'Resumed', email: 'ops@resumed.test', planId: 'free', createdAt: null },
    ]));
    const resume = await runTenure(['backfill', json], { env, timeoutMs: 200_000 });
    expect(resume.code).toBe(0);
    expect(resume.stdout).toMatch(/started\s+1/);
    expect(resume.stdout).toMatch(/already running\s+2/);
    expect(await workflowState(stack, resumed)).toMatchObject({ plan: { id: 'free' }, trial: null });
  }, 240_000);

  it('refuses a file it cannot read with exit code 2', async () => {
    const res = await runTenure(['backfill', await file('bad.csv', 'tenant,name\nx,y\n')], { env });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown column(s) tenant');
  });
});
