import type Stripe from 'stripe';
import { findCheckoutSession, saveCheckoutSession, withCheckoutLock } from '../../db/queries/checkout-sessions.js';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { callStripe } from '../stripe/call-stripe.js';

// One open Checkout session per tenant. Two sessions opened before the first completes could both
// become subscriptions (and both bill), so a repeated checkout reuses the open session, and a
// checkout for something else expires the open one before it creates its own.

/** How long a session stays open (Stripe allows 30 min to 24 h); a session this close to expiry is not reused. */
export const CHECKOUT_SESSION_TTL_S = 2 * 3600;
const REUSE_MARGIN_MS = 5 * 60_000;

export type OpenCheckoutDeps = Pick<ServiceDeps, 'db' | 'stripe' | 'log'>;

/** Reuses the tenant's open session made for the same request, or creates one with `create(expiresAt)`. */
export async function openCheckoutSession(
  deps: OpenCheckoutDeps, tenantId: string, fingerprint: string,
  create: (expiresAtS: number) => Promise<Stripe.Checkout.Session>,
): Promise<{ url: string; sessionId: string }> {
  return withCheckoutLock(deps.db, tenantId, async (tx) => {
    const previous = await findCheckoutSession(tx, tenantId);
    if (previous) {
      const current = await callStripe(deps.log, 'read the open checkout session', () => deps.stripe.checkout.sessions.retrieve(previous.sessionId));
      const open = current.status === 'open';
      if (open && previous.fingerprint === fingerprint && previous.expiresAt.getTime() > Date.now() + REUSE_MARGIN_MS) {
        return { url: previous.url, sessionId: previous.sessionId };
      }
      if (open) await callStripe(deps.log, 'expire the previous checkout session', () => deps.stripe.checkout.sessions.expire(previous.sessionId));
    }
    const expiresAtS = Math.floor(Date.now() / 1000) + CHECKOUT_SESSION_TTL_S;
    const session = await create(expiresAtS);
    if (!session.url) throw new TenureError('STRIPE_ERROR', 'Stripe returned a checkout session without a URL');
    await saveCheckoutSession(tx, { tenantId, sessionId: session.id, url: session.url, fingerprint, expiresAt: new Date(expiresAtS * 1000) });
    return { url: session.url, sessionId: session.id };
  });
}
