import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useBrowserTier } from '../support/browser-tier.js';
import { clickButton, expectFitsAPhone, nextNotice, textsOf, usageBars, waitForButton, waitForPlanName } from '../support/billing-page.js';
import { screenshot } from '../support/chromium.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// The /billing page in Chromium against the real API and worker: what a trial tenant sees, checkout
// from the page, and the plan changes (an upgrade, a refused downgrade, a scheduled one cancelled).
// Each state is kept as .stack/test-results/browser/<state>.png; every page is 375 px wide.
const tier = useBrowserTier();

async function open(tenantId: string): Promise<Page> {
  return (await tier.open(tenantId)).page;
}

async function consume(tenantId: string, metric: string, amount: number): Promise<void> {
  const res = await tier.call('POST', `/internal/tenants/${tenantId}/usage/consume`, { body: { metric, amount } });
  expect(res.status).toBe(200);
}

async function subscribedTenant(prefix: string, planId: string): Promise<string> {
  const tenantId = uid(prefix);
  await tier.registerTenant(tenantId);
  await tier.subscribe(tenantId, planId, uid('cus_'));
  return tenantId;
}

const planTexts = (page: Page) => textsOf(page, '#plan p');

describe('a trial tenant on the billing page', () => {
  it('sees its plan, the days left, a usage bar per counted metric and the plan comparison', async () => {
    const tenantId = uid('br-trial-');
    await tier.registerTenant(tenantId);
    await consume(tenantId, 'campaigns', 3);
    await consume(tenantId, 'seats', 1);
    const { trial } = await tier.subscriptionWhere(tenantId, (s) => s.trial !== null, 'the trial');
    const page = await open(tenantId);
    expect(await planTexts(page)).toEqual(['Starter - trial', `Trial: 14 day(s) left (ends ${new Date(trial!.endsAt).toLocaleDateString('en-US')}).`]);
    expect(await textsOf(page, '#usage > div, #usage > p')).toEqual(['campaigns: 3 / 3', 'email sends: 0 / 5000', 'leaderboard entries: up to 50', 'referred users: 0 / 1000', 'seats: 1 / 3']);
    expect(await usageBars(page)).toEqual(['full:100%', ':0%', ':0%', ':33%']);
    expect(await textsOf(page, '#plans .card strong')).toEqual(['Free', 'Starter', 'Growth']);
    expect(await textsOf(page, '#plans .card button')).toEqual(['Subscribe']);
    const rows = await textsOf(page, '#plans table.comparison tr');
    expect(rows.slice(0, 3)).toEqual(['Feature\tFree\tStarter\tGrowth', 'Advanced analytics\t\u2014\t\u2014\t\u2713', 'Campaigns\t1 campaigns\t3 campaigns\t20 campaigns']);
    expect(rows).toHaveLength(14);
    await screenshot(page, 'trial');
    await expectFitsAPhone(page);
  });

  it('subscribes from the page: the browser goes to the checkout URL the API gives', async () => {
    const tenantId = uid('br-checkout-');
    await tier.registerTenant(tenantId);
    const { page, leftFor } = await tier.open(tenantId);
    const asked = page.waitForRequest((r) => r.url().endsWith('/billings/subscription/checkout'));
    await clickButton(page, 'Subscribe', 'Growth');
    const body = JSON.parse((await asked).postData() ?? 'null') as unknown;
    const billingUrl = `${tier.tenure.baseUrl}/billing`;
    expect(body).toEqual({ planId: 'growth', interval: 'month', successUrl: billingUrl, cancelUrl: billingUrl });
    await eventually(async () => (leftFor.length > 0 ? true : undefined), 'the browser leaving for checkout');
    // The same request again, from here: stripe-mock answers every checkout session with the same URL.
    const again = await tier.call('POST', '/billings/subscription/checkout', { tenantId, body });
    const { url } = (await again.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(leftFor).toEqual([url]);
  });
});

describe('plan changes from the billing page', () => {
  it('upgrades a subscribed tenant after the prorated preview', async () => {
    const tenantId = await subscribedTenant('br-upgrade-', 'starter');
    const preview = (await (await tier.call('POST', '/billings/subscription/upgrade/preview', { tenantId, body: { planId: 'growth' } })).json()) as { amountDue: number; currency: string };
    const charge = new Intl.NumberFormat('en-US', { style: 'currency', currency: preview.currency }).format(preview.amountDue / 100);
    const page = await open(tenantId);
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.message()); void d.accept(); }));
    await clickButton(page, 'Upgrade', 'Growth');
    expect(await dialog).toBe(`Upgrade now? You will be charged ${charge} today (prorated).`);
    expect(await nextNotice(page)).toEqual({ text: 'Upgraded.', isError: false });
    await waitForPlanName(page, 'Growth');
    expect((await tier.subscriptionWhere(tenantId, () => true, 'the subscription')).plan.id).toBe('growth');
    await screenshot(page, 'upgraded');
    await expectFitsAPhone(page);
  });

  it('refuses a downgrade while a gauge is over the target limit, naming the feature', async () => {
    const tenantId = await subscribedTenant('br-refused-', 'growth');
    await consume(tenantId, 'campaigns', 7);
    tier.expectFailedResponses(['422 POST /billings/subscription/downgrade']);
    const page = await open(tenantId);
    await clickButton(page, 'Downgrade', 'Starter');
    expect(await nextNotice(page)).toEqual({ text: 'Cannot downgrade to Starter: campaigns usage is 7, 4 over its limit of 3. Remove 4 campaigns first.', isError: true });
    expect(await planTexts(page)).toEqual(['Growth - active']);
    await screenshot(page, 'downgrade-refused');
    await expectFitsAPhone(page);
  });

  it('schedules a downgrade for the period end, and cancels it with "Keep my plan"', async () => {
    const tenantId = await subscribedTenant('br-scheduled-', 'growth');
    const page = await open(tenantId);
    await clickButton(page, 'Downgrade', 'Starter');
    const scheduled = await nextNotice(page);
    expect(scheduled).toEqual({ text: 'Downgrade to Starter scheduled for the end of the period.', isError: false });
    await waitForButton(page, 'Keep my plan');
    const pending = await tier.subscriptionWhere(tenantId, (s) => s.pendingChange !== null, 'the pending downgrade');
    expect(pending.pendingChange!.planId).toBe('starter');
    expect((await planTexts(page))[1]).toMatch(/^Changing to Starter on \d{1,2}\/\d{1,2}\/\d{4}\. Keep my plan$/);
    await screenshot(page, 'downgrade-scheduled');
    await expectFitsAPhone(page);

    await clickButton(page, 'Keep my plan');
    expect(await nextNotice(page, scheduled.text)).toEqual({ text: 'Scheduled change cancelled.', isError: false });
    await waitForButton(page, 'Keep my plan', false);
    expect(await planTexts(page)).toEqual(['Growth - active']);
    expect((await tier.subscriptionWhere(tenantId, (s) => s.pendingChange === null, 'no pending change')).plan.id).toBe('growth');
    await screenshot(page, 'downgrade-cancelled');
  });
});
