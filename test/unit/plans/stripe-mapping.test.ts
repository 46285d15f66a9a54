import { SEED_FEATURES } from '../../../db/seed/demo-features.js';
import { describe, expect, it } from 'vitest';
import { planFromStripeProduct } from '../../../domain/plans/stripe-mapping.js';
import { price, product, yearly } from '../../support/stripe-catalog.js';

const mapped = (p = product(), prices = [price(), yearly()]) => {
  const result = planFromStripeProduct(p, prices, SEED_FEATURES);
  if (!result.ok) throw new Error(`expected a plan, got: ${result.reason}`);
  return result.plan;
};
const reasonFor = (p = product(), prices = [price(), yearly()]) => {
  const result = planFromStripeProduct(p, prices, SEED_FEATURES);
  if (result.ok) throw new Error('expected the product to be skipped');
  return result.reason;
};

describe('planFromStripeProduct', () => {
  it('maps a product with legacy limits metadata and monthly + yearly prices to a plan with entitlements', () => {
    expect(mapped()).toEqual({
      id: 'growth', name: 'Growth', description: 'For growing programs', rank: 20, currency: 'usd',
      priceMonthlyCents: 9_900, priceAnnualCents: 99_000,
      entitlements: { referred_users: { limit: 10_000 }, campaigns: { limit: 20 }, seats: { limit: 10 }, leaderboard_entries: { limit: 500 }, email_sends: { limit: null } },
      features: ['20 campaigns', 'Priority support'], tenantId: null, manualInvoicing: false,
      stripeProductId: 'prod_PzGrowth01', stripePriceId: 'price_growth_m', stripeAnnualPriceId: 'price_growth_y',
    });
  });

  it('leaves id, rank and features to the stored plan when Stripe does not give them', () => {
    const { tenure_plan_id: _i, rank: _r, ...metadata } = product().metadata;
    const plan = mapped(product({ metadata, marketing_features: [] }));
    expect(plan).toMatchObject({ id: null, rank: null, features: null });
  });

  it('reads an enterprise binding with manual invoicing', () => {
    const plan = mapped(product({ metadata: { ...product().metadata, tenant_id: 'acme', manual_invoicing: 'true' } }));
    expect(plan).toMatchObject({ tenantId: 'acme', manualInvoicing: true });
  });

  it('treats a product without a yearly price as monthly only', () => {
    expect(mapped(product(), [price()])).toMatchObject({ priceAnnualCents: null, stripeAnnualPriceId: null });
  });

  it('picks the default price among several monthly prices, else the newest', () => {
    const older = price({ id: 'price_old', unit_amount: 8_900, created: 1 });
    const newer = price({ id: 'price_new', unit_amount: 10_900, created: 2 });
    expect(mapped(product({ default_price: 'price_old' }), [newer, older]).stripePriceId).toBe('price_old');
    expect(mapped(product({ default_price: null }), [older, newer]).stripePriceId).toBe('price_new');
  });

  it('ignores metered, tiered, multi-month, inactive and other products\' prices', () => {
    const ignored = [
      price({ id: 'p_metered', recurring: { interval: 'month', interval_count: 1, usage_type: 'metered' } }),
      price({ id: 'p_tiered', billing_scheme: 'tiered', unit_amount: null }),
      price({ id: 'p_quarter', recurring: { interval: 'month', interval_count: 3 } }),
      price({ id: 'p_inactive', active: false }),
      price({ id: 'p_other', product: { id: 'prod_other' } }),
    ];
    expect(reasonFor(product({ default_price: null }), ignored)).toMatch(/monthly recurring price/);
    expect(mapped(product({ default_price: null }), [...ignored, price({ id: 'p_ok' })]).stripePriceId).toBe('p_ok');
  });

  it('drops a yearly price in another currency than the monthly one', () => {
    expect(mapped(product(), [price(), yearly({ currency: 'eur' })]).priceAnnualCents).toBeNull();
  });

  it('skips products that are not Tenure plans, saying why', () => {
    expect(reasonFor(product({ metadata: {} }))).toMatch(/no entitlements metadata/);
    expect(reasonFor(product({ metadata: { ...product().metadata, feature_api_calls: '10' } }))).toMatch(/unknown feature 'api_calls'/);
    expect(reasonFor(product({ metadata: { ...product().metadata, limit_campaigns: '-1' } }))).toMatch(/limit_campaigns must be/);
    expect(reasonFor(product({ metadata: { ...product().metadata, limit_campaigns: '2.5' } }))).toMatch(/limit_campaigns must be/);
    expect(reasonFor(product({ metadata: { ...product().metadata, rank: 'high' } }))).toMatch(/rank/);
    expect(reasonFor(product({ metadata: { ...product().metadata, tenure_plan_id: 'Bad Id!' } }))).toMatch(/plan id/);
    expect(reasonFor(product({ metadata: { ...product().metadata, manual_invoicing: 'true' } }))).toMatch(/tenant_id/);
    expect(reasonFor(product(), [yearly()])).toMatch(/monthly/);
  });
});
