import type Stripe from 'stripe';
import { markStripeEvent, recordStripeEvent } from '../../db/queries/stripe-events.js';
import { TenureError } from '../../domain/errors.js';
import { toStorableText } from '../../domain/text.js';
import { isHandledEventType, normalizeStripeEvent, type RawStripeEvent } from '../../domain/stripe/normalize.js';
import type { ServiceDeps } from '../deps.js';
import { lifecycleArgs } from '../lifecycle/lifecycle-args.js';
import { signalStripeEvent } from '../lifecycle/lifecycle-client.js';
import { fetchWebhookContext } from './webhook-context.js';

export type WebhookOutcome = 'forwarded' | 'orphan' | 'ignored' | 'duplicate';
export type WebhookDeps = Pick<ServiceDeps, 'db' | 'stripe' | 'temporal' | 'config' | 'log'>;

const SIGNATURE_TOLERANCE_S = 300;

/**
 * Verifies the signature over the raw body; a bad, missing or stale one stores nothing. The event
 * comes back with any U+0000 or lone surrogate replaced by U+FFFD: Postgres could not store it, and a
 * signed delivery refused forever would be lost, so the inbox and the workflow get storable text.
 */
export function verifyStripeEvent(deps: Pick<ServiceDeps, 'stripe' | 'config'>, rawBody: Buffer, signature: string | undefined): Stripe.Event {
  if (!signature) throw new TenureError('INVALID_SIGNATURE', 'missing Stripe-Signature header');
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature, deps.config.stripe.webhookSecret, SIGNATURE_TOLERANCE_S);
  } catch (err) {
    throw new TenureError('INVALID_SIGNATURE', `invalid Stripe signature: ${(err as Error).message.split('\n')[0]}`);
  }
  return toStorableText(event);
}

/**
 * The webhook use case: record once in the inbox, then look up (tenant, subscription, plan),
 * normalize, and signal the tenant's workflow. A failing dependency (Postgres, Stripe, Temporal)
 * answers 503 and leaves the row `received`, so Stripe's retry resumes it; the workflow ignores
 * event ids it has applied, so nothing is applied twice.
 */
export async function receiveStripeEvent(deps: WebhookDeps, event: Stripe.Event): Promise<{ outcome: WebhookOutcome; tenantId: string | null }> {
  const raw = event as unknown as RawStripeEvent;
  const existing = await unavailableOnFailure(deps, event.id, null, () => recordStripeEvent(deps.db, {
    id: event.id, type: event.type, stripeCreatedAt: new Date(event.created * 1000), payload: raw as unknown as Record<string, unknown>,
  }));
  if (existing && existing.status !== 'received') return { outcome: 'duplicate', tenantId: existing.tenantId };
  if (!isHandledEventType(event.type)) {
    await markStripeEvent(deps.db, event.id, 'ignored');
    return { outcome: 'ignored', tenantId: null };
  }
  const { tenant, context } = await unavailableOnFailure(deps, event.id, null, () => fetchWebhookContext(deps, raw));
  if (!tenant) {
    await markStripeEvent(deps.db, event.id, 'orphan');
    return { outcome: 'orphan', tenantId: null };
  }
  const normalized = normalizeStripeEvent(raw, context);
  if (!normalized) throw new TenureError('INTERNAL', `handled event type ${event.type} did not normalize`);
  await unavailableOnFailure(deps, event.id, tenant.tenantId, async () => {
    const args = await lifecycleArgs(deps, tenant.tenantId, tenant.name, tenant.email);
    await signalStripeEvent(deps.temporal, deps.config.temporal.taskQueue, args, normalized);
  });
  await markStripeEvent(deps.db, event.id, 'forwarded', { tenantId: tenant.tenantId, error: null });
  return { outcome: 'forwarded', tenantId: tenant.tenantId };
}

// Any failure of a step that needs a dependency is a 503: Stripe retries the delivery later. The
// inbox row keeps the reason when Postgres can still store it.
async function unavailableOnFailure<T>(deps: WebhookDeps, eventId: string, tenantId: string | null, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof TenureError && err.code === 'PLAN_NOT_FOUND') throw err;
    deps.log.error({ err, eventId, tenantId }, 'stripe webhook: a dependency failed; Stripe will retry');
    await markStripeEvent(deps.db, eventId, 'received', { tenantId, error: (err as Error).message.slice(0, 500) }).catch(() => undefined);
    throw new TenureError('DEPENDENCY_UNAVAILABLE', 'a dependency is unavailable; retry later');
  }
}
