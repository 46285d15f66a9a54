import type { Entitlements } from '../../domain/entitlements/entitlements.js';
import { DEFAULT_DAYS_UNTIL_DUE, type Plan } from '../../domain/plans/types.js';

// The demo catalog, seeded into a fresh database outside production only (db/migrate.ts): its Stripe
// ids are stripe-mock's, and `enterprise-acme` is bound to a demo tenant `acme`. Its entitlements name
// the demo features (db/seed/demo-features.ts). Operators edit the catalog through /admin/plans or sync
// it from Stripe.

function limits(values: Record<string, number | null>, flags: Record<string, boolean> = {}): Entitlements {
  const out: Entitlements = {};
  for (const [key, limit] of Object.entries(values)) out[key] = { limit };
  for (const [key, enabled] of Object.entries(flags)) out[key] = { enabled };
  return out;
}

const FREE = limits({ referred_users: 100, campaigns: 1, seats: 1, leaderboard_entries: 10, email_sends: 500 });
const STARTER = limits({ referred_users: 1_000, campaigns: 3, seats: 3, leaderboard_entries: 50, email_sends: 5_000 });
const GROWTH = limits({ referred_users: 10_000, campaigns: 20, seats: 10, leaderboard_entries: 500, email_sends: 50_000 }, { advanced_analytics: true });
const ACME = limits({ referred_users: null, campaigns: null, seats: 100, leaderboard_entries: null, email_sends: null }, { advanced_analytics: true });

function plan(p: Omit<Plan, 'currency' | 'tenantId' | 'manualInvoicing' | 'daysUntilDue' | 'stripeProductId' | 'stripePriceId' | 'stripeAnnualPriceId' | 'isActive'> & Partial<Plan>): Plan {
  return { currency: 'usd', tenantId: null, manualInvoicing: false, daysUntilDue: DEFAULT_DAYS_UNTIL_DUE, stripeProductId: null, stripePriceId: null, stripeAnnualPriceId: null, isActive: true, ...p };
}

export const DEFAULT_PLANS: readonly Plan[] = [
  plan({ id: 'free', name: 'Free', description: 'For trying Tenure out', rank: 0, priceMonthlyCents: 0, priceAnnualCents: 0, entitlements: FREE, features: ['1 campaign', 'Community support'] }),
  plan({ id: 'starter', name: 'Starter', description: 'For small teams', rank: 10, priceMonthlyCents: 2_900, priceAnnualCents: 29_000, entitlements: STARTER, features: ['3 campaigns', 'Email support'], stripeProductId: 'prod_starter', stripePriceId: 'price_starter_monthly', stripeAnnualPriceId: 'price_starter_annual' }),
  plan({ id: 'growth', name: 'Growth', description: 'For growing programs', rank: 20, priceMonthlyCents: 9_900, priceAnnualCents: 99_000, entitlements: GROWTH, features: ['20 campaigns', 'Priority support', 'Advanced analytics'], stripeProductId: 'prod_growth', stripePriceId: 'price_growth_monthly', stripeAnnualPriceId: 'price_growth_annual' }),
  plan({
    id: 'enterprise-acme', name: 'Enterprise (Acme)', description: 'Custom plan bound to the tenant acme', rank: 100,
    priceMonthlyCents: 150_000, priceAnnualCents: null, entitlements: ACME,
    features: ['Unlimited campaigns', 'Dedicated support', 'Manual invoicing'], tenantId: 'acme', manualInvoicing: true,
  }),
];

/** Finds a plan of the demo catalog by id. */
export function defaultPlan(id: string): Plan {
  const found = DEFAULT_PLANS.find((p) => p.id === id);
  if (!found) throw new Error(`unknown default plan ${id}`);
  return found;
}
