import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { localstripeClient, startLocalstripeStack } from '../../support/localstripe.js';
import type { TestStack } from '../../support/stack.js';
import { product } from '../../support/stripe-catalog.js';
import { adminHeaders } from './plan-helpers.js';

// Plan sync from the products and prices a running Stripe stand-in holds (localstripe): the real
// POST /admin/plans/sync, the real Stripe client and listing, the real reconcile and the plans table.
// localstripe's account is shared by every test file, so this file's plan ids carry a run suffix
// and only this file's products carry one: the sync sees other files' products too, without
// plan metadata, and skips them.
const PREFIX = 'lsync-';
const run = uid('').toLowerCase();
const stripe = localstripeClient();
let stack: TestStack;

/** Products of earlier runs of this file (one that stopped midway) would be synced too: delete them. */
async function deleteOwnProducts(): Promise<void> {
  const all = await stripe.products.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  for (const p of all.filter((p) => p.metadata.tenure_plan_id?.startsWith(PREFIX))) await stripe.products.del(p.id);
}

beforeAll(async () => { await deleteOwnProducts(); stack = await startLocalstripeStack({ worker: false }); });
afterAll(async () => { await stack?.close(); await deleteOwnProducts(); });

const sync = async () => {
  const res = await stack.app.inject({ method: 'POST', url: '/admin/plans/sync', headers: adminHeaders(stack) });
  expect(res.statusCode).toBe(200);
  return res.json() as { created: string[]; updated: string[]; unchanged: string[]; deactivated: string[]; skipped: { productId: string; reason: string }[] };
};
const adminPlan = async (id: string) => (await stack.app.inject({ method: 'GET', url: `/admin/plans/${id}`, headers: adminHeaders(stack) })).json();
const publicPlanIds = async () => ((await stack.app.inject({ method: 'GET', url: '/plans' })).json().plans as { id: string }[]).map((p) => p.id);

async function planProduct(planId: string, rank: number, extra: Record<string, string> = {}): Promise<Stripe.Product> {
  const { metadata } = product();
  return stripe.products.create({ name: `Plan ${planId}`, description: 'synced by a test', metadata: { ...metadata, tenure_plan_id: planId, rank: String(rank), ...extra } });
}
const recurringPrice = (productId: string, cents: number, interval: 'month' | 'year') =>
  stripe.prices.create({ product: productId, currency: 'usd', unit_amount: cents, recurring: { interval } });

describe('plan sync from localstripe', () => {
  it('creates plans from new products, updates one whose price changed, and deactivates one whose product was archived', async () => {
    const scaleId = `${PREFIX}scale-${run}`;
    const teamId = `${PREFIX}team-${run}`;
    const scale = await planProduct(scaleId, 30, { limit_campaigns: 'unlimited' });
    const scaleMonthly = await recurringPrice(scale.id, 29_900, 'month');
    const scaleYearly = await recurringPrice(scale.id, 299_000, 'year');
    const team = await planProduct(teamId, 40);
    const teamMonthly = await recurringPrice(team.id, 49_900, 'month');

    const first = await sync();
    expect(first).toMatchObject({ created: [scaleId, teamId], updated: [], unchanged: [] });
    // The seeded plans' products (prod_starter, prod_growth) were never created in this account:
    // growth is deactivated, starter is kept because the lifecycle needs it.
    expect(first.deactivated).toEqual(['growth']);
    expect(first.skipped.filter((s) => s.productId === 'prod_starter')).toEqual([{ productId: 'prod_starter', reason: expect.stringMatching(/^product was deleted, but .*required by the tenant lifecycle/) }]);
    expect(first.skipped.filter((s) => s.productId === scale.id || s.productId === team.id)).toEqual([]);
    expect(await adminPlan(scaleId)).toMatchObject({
      isActive: true, rank: 30, priceMonthlyCents: 29_900, priceAnnualCents: 299_000, limits: { campaigns: null, seats: 10 },
      stripeProductId: scale.id, stripePriceId: scaleMonthly.id, stripeAnnualPriceId: scaleYearly.id,
    });
    expect(await adminPlan(teamId)).toMatchObject({ isActive: true, rank: 40, priceMonthlyCents: 49_900, priceAnnualCents: null, stripePriceId: teamMonthly.id });
    expect(await publicPlanIds()).toEqual(['free', 'starter', scaleId, teamId]);

    // A new monthly price replaces the old one (archived), as an operator changes a price in Stripe.
    const newMonthly = await recurringPrice(scale.id, 34_900, 'month');
    await stripe.prices.update(scaleMonthly.id, { active: false });
    const second = await sync();
    expect(second).toMatchObject({ created: [], updated: [scaleId], unchanged: [teamId], deactivated: [] });
    expect(await adminPlan(scaleId)).toMatchObject({ isActive: true, priceMonthlyCents: 34_900, priceAnnualCents: 299_000, stripePriceId: newMonthly.id });

    await stripe.products.update(team.id, { active: false });
    const third = await sync();
    expect(third).toMatchObject({ created: [], updated: [], unchanged: [scaleId], deactivated: [teamId] });
    expect(await adminPlan(teamId)).toMatchObject({ isActive: false });
    expect(await publicPlanIds()).toEqual(['free', 'starter', scaleId]);
  });
});
