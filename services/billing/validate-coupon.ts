import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { callStripe } from '../stripe/call-stripe.js';

/** Refuses a coupon Stripe does not know or no longer honours (INVALID_COUPON, 422). */
export async function validateCoupon(deps: Pick<ServiceDeps, 'stripe' | 'log'>, couponId: string): Promise<void> {
  const coupon = await callStripe(deps.log, 'read the coupon', () => deps.stripe.coupons.retrieve(couponId), {
    missing: () => new TenureError('INVALID_COUPON', `coupon ${couponId} does not exist`),
  });
  if (!coupon.valid) throw new TenureError('INVALID_COUPON', `coupon ${couponId} is no longer valid`);
}
