import type Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { callStripe } from '../stripe/call-stripe.js';

// The discount checks. Tenants bring Stripe promotion codes (which the operator publishes, with their
// own limits); raw coupon ids are for admins only. Every refusal reads the same, whatever the reason,
// so the answers cannot be used to find out which codes or coupons exist.

const REFUSAL = 'this discount cannot be applied';
const refused = () => new TenureError('INVALID_COUPON', REFUSAL);

/** Refuses a coupon Stripe does not know or no longer honours (INVALID_COUPON, 422, one message). */
export async function validateCoupon(deps: Pick<ServiceDeps, 'stripe' | 'log'>, couponId: string): Promise<void> {
  const coupon = await callStripe(deps.log, 'read the coupon', () => deps.stripe.coupons.retrieve(couponId), { missing: refused });
  if (!coupon.valid) throw refused();
}

export interface PromotionContext { customerId: string; amountCents: number; currency: string; nowMs: number }

/**
 * The Stripe id of the live promotion code a tenant typed (codes compare case-insensitively, as at
 * Stripe's own checkout); INVALID_COUPON with one message when it is unknown, inactive, expired, used
 * up, bound to another customer, below its minimum amount, or its coupon is no longer valid.
 */
export async function resolvePromotionCode(deps: Pick<ServiceDeps, 'stripe' | 'log'>, code: string, ctx: PromotionContext): Promise<string> {
  const found = await callStripe(deps.log, 'look up the promotion code', () =>
    deps.stripe.promotionCodes.list({ code, active: true, limit: 10, expand: ['data.promotion.coupon'] }));
  const promo = found.data.find((p) => p.code.toLowerCase() === code.toLowerCase());
  if (!promo || !isApplicable(promo, ctx)) throw refused();
  return promo.id;
}

function isApplicable(promo: Stripe.PromotionCode, ctx: PromotionContext): boolean {
  if (!promo.active) return false;
  if (promo.expires_at !== null && promo.expires_at * 1000 <= ctx.nowMs) return false;
  if (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions) return false;
  const customer = typeof promo.customer === 'string' ? promo.customer : promo.customer?.id ?? null;
  if (customer !== null && customer !== ctx.customerId) return false;
  const min = promo.restrictions.minimum_amount;
  const minCurrency = promo.restrictions.minimum_amount_currency;
  if (min !== null && (minCurrency === null || minCurrency.toLowerCase() === ctx.currency.toLowerCase()) && ctx.amountCents < min) return false;
  const coupon = promo.promotion.coupon;
  return !(coupon !== null && typeof coupon === 'object' && !coupon.valid);
}
