import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Config } from '../../config/config.js';
import { launchChromium, openBillingPage, type BillingPage, type Chromium } from './chromium.js';
import { testConfig } from './config.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { uid } from './ids.js';
import { freePort, startTenure, type TenureProcesses } from './processes.js';
import { startStripeFaultProxy, type StripeFaultProxy } from './stripe-fault-proxy.js';
import { signed, stripeEvent, subscriptionObject } from './stripe-payloads.js';
import { signToken, type TestRole } from './tokens.js';
import { eventually } from './wait.js';

// The browser tier's stack: the real API and worker processes on a fresh database, Redis prefix and
// task queue, their Stripe client going to stripe-mock through the recording proxy (which answers only
// what a test asks it to: the finalized invoice stripe-mock cannot hold), and one headless Chromium.
// PUBLIC_URL is the API's own address, so the page's checkout and portal return URLs are allowed.

/** What GET /billings/subscription answers, as far as the tests read it. */
export interface SubscriptionView {
  plan: { id: string; name: string };
  subscription: { status: string } | null;
  trial: { daysLeft: number; endsAt: string } | null;
  pendingChange: { planId: string; planName: string } | null;
  access: string;
  warning: string | null;
}

export interface BrowserTier {
  config: Config; database: TestDatabase; tenure: TenureProcesses; proxy: StripeFaultProxy; chromium: Chromium;
  token(tenantId: string, role?: TestRole): string;
  call(method: string, path: string, opts?: { tenantId?: string; role?: TestRole; body?: unknown }): Promise<Response>;
  registerTenant(tenantId: string): Promise<void>;
  webhook(type: string, object: Record<string, unknown>, createdMs?: number): Promise<void>;
  subscribe(tenantId: string, planId: string, customer: string): Promise<void>;
  subscriptionWhere(tenantId: string, ok: (s: SubscriptionView) => boolean, what: string): Promise<SubscriptionView>;
  /** Opens the billing page as the tenant's owner, 375 px wide; after the test it is closed and checked. */
  open(tenantId: string): Promise<BillingPage>;
  /** The error answers this test's page must meet (and show), exactly; none by default. */
  expectFailedResponses(failures: string[]): void;
}

async function startStack(ctx: BrowserTier): Promise<void> {
  ctx.proxy = await startStripeFaultProxy(ctx.config.stripe.apiBase ?? 'http://127.0.0.1:12111');
  ctx.database = await createTestDatabase(ctx.config.db.url);
  const port = await freePort();
  ctx.tenure = await startTenure({
    PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DATABASE_URL: ctx.database.url, STRIPE_API_BASE: ctx.proxy.url,
    TEMPORAL_TASK_QUEUE: uid('billing-browser-'), REDIS_KEY_PREFIX: `${uid('browser')}:`,
  });
  // startTenure returns once the worker polls its task queue, so a tenant can be registered at once.
  ctx.chromium = await launchChromium();
}

// After every test: its page had no console error, uncaught exception or CSP violation, and met
// exactly the error answers the test expected.
function checkPages(ctx: BrowserTier): void {
  let opened: BillingPage | null = null;
  let expected: string[] = [];
  ctx.open = async (tenantId) => { opened = await openBillingPage(ctx.chromium.browser, ctx.tenure.baseUrl, ctx.token(tenantId)); return opened; };
  ctx.expectFailedResponses = (failures) => { expected = failures; };
  afterEach(async () => {
    const [page, failures] = [opened, expected];
    [opened, expected] = [null, []];
    if (!page) return;
    await page.page.close();
    expect({ problems: page.problems, failedResponses: page.failedResponses }).toEqual({ problems: [], failedResponses: failures });
  });
}

/** Registers the file's hooks: start the stack and Chromium before its tests, check each page, stop them after. */
export function useBrowserTier(): BrowserTier {
  const config = testConfig();
  const ctx = { config } as BrowserTier;
  beforeAll(() => startStack(ctx));
  checkPages(ctx);
  afterAll(async () => {
    await ctx.chromium?.close();
    await ctx.tenure?.stop();
    await ctx.proxy?.close();
    await ctx.database?.drop();
  });
  ctx.token = (tenantId, role = 'tenant_owner') => signToken(config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: [role] });
  ctx.call = (method, path, opts = {}) => fetch(`${ctx.tenure.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${opts.tenantId ? ctx.token(opts.tenantId, opts.role) : signToken(config.auth.jwtSecret, { sub: 'browser-tier', roles: ['service'] })}`, ...(opts.body ? { 'content-type': 'application/json' } : {}) },
    ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
  });
  // Usage is judged against the limits the lifecycle pushed to Redis, which follow its state.
  const enforcing = (tenantId: string, planId: string) => eventually(async () => {
    const status = (await (await ctx.call('GET', `/internal/tenants/${tenantId}/status`)).json()) as { plan?: { id: string } };
    return status.plan?.id === planId ? true : undefined;
  }, `the ${planId} limits of ${tenantId} enforced`);
  ctx.registerTenant = async (tenantId) => {
    const res = await ctx.call('POST', '/tenants', { body: { tenantId, name: `Browser ${tenantId}`, email: `${tenantId}@example.test` } });
    expect(res.status, await res.clone().text()).toBe(201);
    await enforcing(tenantId, 'starter');
  };
  ctx.webhook = async (type, object, createdMs) => {
    const hook = signed(stripeEvent(uid('evt_'), type, object, createdMs), config.stripe.webhookSecret);
    const res = await fetch(`${ctx.tenure.baseUrl}/webhooks/stripe`, { method: 'POST', headers: hook.headers, body: hook.payload });
    expect(res.status).toBe(200);
  };
  ctx.subscriptionWhere = (tenantId, ok, what) => eventually(async () => {
    const view = (await (await ctx.call('GET', '/billings/subscription', { tenantId })).json()) as SubscriptionView;
    return ok(view) ? view : undefined;
  }, what);
  ctx.subscribe = async (tenantId, planId, customer) => {
    await ctx.webhook('customer.subscription.created', subscriptionObject({ id: `sub_${tenantId}`, tenantId, customer, priceId: `price_${planId}_monthly` }));
    await ctx.subscriptionWhere(tenantId, (s) => s.plan.id === planId && s.subscription?.status === 'active', `${tenantId} on ${planId}`);
    await enforcing(tenantId, planId);
  };
  return ctx;
}
