import { describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { ownerOf, useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';

// Issue 10, item 7: tenants bring Stripe promotion codes, never raw coupon ids, and every refusal
// reads the same, so a tenant cannot tell an unknown code from an expired one.
const ctx = useStackBehindStripeProxy();
const owner = (tenantId: string) => ownerOf(ctx.stack, tenantId);
const checkout = (tenantId: string, extra: Record<string, unknown>) => ctx.stack.app.inject({
  method: 'POST', url: '/billings/subscription/checkout', headers: owner(tenantId),
  payload: { planId: 'starter', successUrl: new URL('/billing?ok', ctx.stack.config.http.publicUrl).href, cancelUrl: new URL('/billing', ctx.stack.config.http.publicUrl).href, ...extra },
});
const DAY_S = 86_400;
const nowS = () => Math.floor(Date.now() / 1000);
function promotionCode(code: string, f: { active?: boolean; expiresAt?: number | null; maxRedemptions?: number | null; timesRedeemed?: number; couponValid?: boolean } = {}) {
  return {
    id: `promo_${code}`, object: 'promotion_code', code, active: f.active ?? true, customer: null, expires_at: f.expiresAt ?? null,
    max_redemptions: f.maxRedemptions ?? null, times_redeemed: f.timesRedeemed ?? 0, livemode: false, created: nowS(), metadata: {},
    promotion: { type: 'coupon', coupon: { id: `co_${code}`, object: 'coupon', valid: f.couponValid ?? true, percent_off: 20 } },
    restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
  };
}
const listOf = (...codes: unknown[]) => ({ object: 'list', data: codes, has_more: false, url: '/v1/promotion_codes' });

describe('checkout discounts for tenants', () => {
  it('refuses a raw coupon id from a tenant with 400 VALIDATION_FAILED and opens no session', async () => {
    const tenantId = uid('promo-');
    await registerTenant(ctx.stack, tenantId);
    const res = await checkout(tenantId, { coupon: 'co_staff_only_100' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(ctx.proxy.seen.filter((r) => r.path.startsWith('/v1/checkout/sessions'))).toEqual([]);
  });

  it('answers every refused promotion code with the same 422 INVALID_COUPON and one message', async () => {
    const tenantId = uid('promo-');
    await registerTenant(ctx.stack, tenantId);
    const cases: [string, unknown][] = [
      ['UNKNOWN', listOf()],
      ['INACTIVE', listOf(promotionCode('INACTIVE', { active: false }))],
      ['EXPIRED', listOf(promotionCode('EXPIRED', { expiresAt: nowS() - DAY_S }))],
      ['USEDUP', listOf(promotionCode('USEDUP', { maxRedemptions: 5, timesRedeemed: 5 }))],
      ['DEADCOUPON', listOf(promotionCode('DEADCOUPON', { couponValid: false }))],
    ];
    const answers = [];
    for (const [code, body] of cases) {
      ctx.proxy.clear();
      ctx.proxy.answer({ method: 'GET', pathPrefix: '/v1/promotion_codes', body });
      const res = await checkout(tenantId, { promotionCode: code });
      expect(res.statusCode, code).toBe(422);
      const { code: errorCode, message, details } = res.json().error;
      answers.push({ code: errorCode, message, details });
    }
    expect(answers[0]!.code).toBe('INVALID_COUPON');
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.message).not.toMatch(/UNKNOWN|INACTIVE|EXPIRED|USEDUP|DEADCOUPON|expired|exist|valid/i);
  });

  it('applies a live promotion code to the checkout session by its Stripe id', async () => {
    const tenantId = uid('promo-');
    await registerTenant(ctx.stack, tenantId);
    ctx.proxy.answer({ method: 'GET', pathPrefix: '/v1/promotion_codes', body: listOf(promotionCode('SPRING20', { expiresAt: nowS() + DAY_S })) });
    const res = await checkout(tenantId, { promotionCode: 'spring20' });
    expect(res.statusCode).toBe(200);
    const lookup = ctx.proxy.seen.find((r) => r.method === 'GET' && r.path.startsWith('/v1/promotion_codes'))!;
    expect(new URL(lookup.path, 'http://x').searchParams.get('code')).toBe('spring20');
    const created = ctx.proxy.seen.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions')!;
    const form = new URLSearchParams(created.body);
    expect(form.get('discounts[0][promotion_code]')).toBe('promo_SPRING20');
    expect(form.get('discounts[0][coupon]')).toBeNull();
  });
});
