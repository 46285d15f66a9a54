import { SEED_FEATURES } from '../../../db/seed/demo-features.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANS, defaultPlan } from '../../../db/seed/demo-plans.js';
import { decideUnlisted, reconcileStripeCatalog } from '../../../domain/plans/stripe-reconcile.js';
import type { Plan } from '../../../domain/plans/types.js';
import { price, product, yearly } from '../../support/stripe-catalog.js';

const growthFromStripe = { ...defaultPlan('growth'), stripeProductId: 'prod_PzGrowth01', stripePriceId: 'price_growth_m', stripeAnnualPriceId: 'price_growth_y' };
const catalog = (...overrides: Plan[]): Plan[] => DEFAULT_PLANS.map((p) => overrides.find((o) => o.id === p.id) ?? p);
// What the product of support/stripe-catalog.ts grants (legacy limit_* metadata).
const stripeGrowthEntitlements = { referred_users: { limit: 10_000 }, campaigns: { limit: 20 }, seats: { limit: 10 }, leaderboard_entries: { limit: 500 }, email_sends: { limit: null } };
const handMadeGrowth = { ...defaultPlan('growth'), stripeProductId: null, stripePriceId: null, stripeAnnualPriceId: null };

describe('reconcileStripeCatalog', () => {
  it('creates a plan for a new product, ranking it by price when metadata has no rank', () => {
    const { rank: _r, ...metadata } = product().metadata;
    const out = reconcileStripeCatalog(DEFAULT_PLANS.filter((p) => p.id !== 'growth'), [{ product: product({ metadata }), prices: [price(), yearly()] }], SEED_FEATURES);
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]).toMatchObject({ change: 'created', plan: { id: 'growth', rank: 99, isActive: true, entitlements: { email_sends: { limit: null } } } });
  });

  it('updates the plan synced from the product, keeping its id and features when Stripe gives none', () => {
    const { tenure_plan_id: _i, ...metadata } = product().metadata;
    const out = reconcileStripeCatalog(catalog(growthFromStripe), [{ product: product({ metadata, marketing_features: [] }), prices: [price({ unit_amount: 12_900 }), yearly()] }], SEED_FEATURES);
    expect(out.writes).toEqual([{ change: 'updated', plan: expect.objectContaining({ id: 'growth', priceMonthlyCents: 12_900, features: growthFromStripe.features }) }]);
  });

  it('reports an identical product as unchanged, and reactivates a deactivated plan', () => {
    const same = { ...growthFromStripe, features: ['20 campaigns', 'Priority support'], entitlements: stripeGrowthEntitlements };
    const fetched = [{ product: product(), prices: [price(), yearly()] }];
    expect(reconcileStripeCatalog(catalog(same), fetched, SEED_FEATURES)).toMatchObject({ writes: [], unchanged: ['growth'] });
    expect(reconcileStripeCatalog(catalog({ ...same, isActive: false }), fetched, SEED_FEATURES).writes).toEqual([{ change: 'updated', plan: expect.objectContaining({ id: 'growth', isActive: true }) }]);
  });

  it('does not mistake a different key order of the stored entitlements for a change', () => {
    const reordered = Object.fromEntries(Object.entries(stripeGrowthEntitlements).reverse());
    const same = { ...growthFromStripe, features: ['20 campaigns', 'Priority support'], entitlements: reordered };
    expect(reconcileStripeCatalog(catalog(same), [{ product: product(), prices: [price(), yearly()] }], SEED_FEATURES).unchanged).toEqual(['growth']);
  });

  it('adopts a hand-made plan named by tenure_plan_id, but never one synced from another product', () => {
    const adopted = reconcileStripeCatalog(catalog(handMadeGrowth), [{ product: product(), prices: [price()] }], SEED_FEATURES);
    expect(adopted.writes[0]).toMatchObject({ change: 'updated', plan: { id: 'growth', stripeProductId: 'prod_PzGrowth01' } });
    const taken = reconcileStripeCatalog(catalog({ ...growthFromStripe, stripeProductId: 'prod_other' }), [{ product: product(), prices: [price()] }], SEED_FEATURES);
    expect(taken.writes).toEqual([]);
    expect(taken.skipped).toEqual([{ productId: 'prod_PzGrowth01', reason: expect.stringMatching(/already synced from product prod_other/) }]);
  });

  it('skips a second product mapping to the same plan and a product that would bind a required plan to a tenant', () => {
    const twin = product({ id: 'prod_twin' });
    const out = reconcileStripeCatalog(catalog(handMadeGrowth), [{ product: product(), prices: [price()] }, { product: twin, prices: [price({ product: 'prod_twin' })] }], SEED_FEATURES);
    expect(out.skipped).toEqual([{ productId: 'prod_twin', reason: expect.stringMatching(/another product/) }]);
    const starter = product({ id: 'prod_starter', metadata: { ...product().metadata, tenure_plan_id: 'starter', tenant_id: 'acme' } });
    const bound = reconcileStripeCatalog(DEFAULT_PLANS, [{ product: starter, prices: [price({ product: 'prod_starter' })] }], SEED_FEATURES);
    expect(bound.skipped[0]?.reason).toMatch(/required by the tenant lifecycle/);
  });

  it('lists active synced plans whose product is gone from the listing, and only those', () => {
    const out = reconcileStripeCatalog(catalog(growthFromStripe), [], SEED_FEATURES);
    expect(out.unlisted.map((p) => p.id).sort()).toEqual(['growth', 'starter']);
  });
});

describe('decideUnlisted', () => {
  it('deactivates a plan whose product was deleted or archived', () => {
    expect(decideUnlisted(growthFromStripe, 'deleted')).toEqual({ deactivate: true });
    expect(decideUnlisted(growthFromStripe, 'archived')).toEqual({ deactivate: true });
  });

  it('keeps required plans and plans whose product is still active, saying why', () => {
    expect(decideUnlisted(defaultPlan('starter'), 'archived')).toEqual({ deactivate: false, reason: expect.stringMatching(/required by the tenant lifecycle/) });
    expect(decideUnlisted(growthFromStripe, 'active')).toEqual({ deactivate: false, reason: expect.stringMatching(/left as is/) });
  });
});
