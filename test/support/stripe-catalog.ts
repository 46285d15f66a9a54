import type { StripePriceLike, StripeProductLike } from '../../domain/plans/stripe-mapping.js';

// Stripe objects shaped as the API returns them (trimmed of fields Tenure ignores).

export function product(overrides: Partial<StripeProductLike> & { metadata?: Record<string, string> } = {}): StripeProductLike {
  return {
    id: 'prod_PzGrowth01', name: 'Growth', description: 'For growing programs', active: true, default_price: 'price_growth_m',
    marketing_features: [{ name: '20 campaigns' }, { name: 'Priority support' }],
    metadata: {
      tenure_plan_id: 'growth', rank: '20', limit_referred_users: '10000', limit_campaigns: '20', limit_seats: '10',
      limit_leaderboard_entries: '500', limit_email_sends: 'unlimited',
    },
    ...overrides,
  };
}

export function price(overrides: Partial<StripePriceLike> = {}): StripePriceLike {
  return {
    id: 'price_growth_m', active: true, currency: 'usd', unit_amount: 9_900, created: 1_700_000_000, product: 'prod_PzGrowth01',
    type: 'recurring', billing_scheme: 'per_unit', recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' }, ...overrides,
  };
}

export const yearly = (overrides: Partial<StripePriceLike> = {}): StripePriceLike =>
  price({ id: 'price_growth_y', unit_amount: 99_000, recurring: { interval: 'year', interval_count: 1, usage_type: 'licensed' }, ...overrides });
