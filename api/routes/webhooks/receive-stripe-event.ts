import type Stripe from 'stripe';
import { TenureError } from '../../../domain/errors.js';
import { isHandledEventType, type RawStripeEvent } from '../../../domain/stripe/normalize.js';
import { markStripeEvent, recordStripeEvent } from '../../../db/queries/stripe-events.js';
import type { AppDeps } from '../../deps.js';
import { lifecycleArgs } from '../../../services/lifecycle/lifecycle-args.js';
import { signalStripeEvent } from '../../../services/lifecycle/lifecycle-client.js';
import { normalizeWithPlan, resolveTenant } from './resolve.js';

export type WebhookOutcome = 'forwarded' | 'orphan' | 'ignored' | 'duplicate';

const SIGNATURE_TOLERANCE_S = 300;

/** Verifies the signature over the raw body; a bad, missing or stale one stores nothing. */
export function verifyStripeEvent(deps: AppDeps, rawBody: Buffer, signature: string | undefined): Stripe.Event {
  if (!signature) throw new TenureError('INVALID_SIGNATURE', 'missing Stripe-Signature header');
  try {
    return deps.stripe.webhooks.constructEvent(rawBody, signature, deps.config.stripe.webhookSecret, SIGNATURE_TOLERANCE_S);
  } catch (err) {
    throw new TenureError('INVALID_SIGNATURE', `invalid Stripe signature: ${(err as Error).message.split('\n')[0]}`);
  }
}

/**
 * The webhook use case: record once in the inbox, then resolve, normalize and signal the tenant's
 * workflow. A Temporal outage answers 503 and leaves the row `received`, so Stripe's retry resumes it;
 * the workflow ignores event ids it has applied, so nothing is applied twice.
 */
export async function receiveStripeEvent(deps: AppDeps, event: Stripe.Event): Promise<{ outcome: WebhookOutcome; tenantId: string | null }> {
  const raw = event as unknown as RawStripeEvent;
  const existing = await recordStripeEvent(deps.db, { id: event.id, type: event.type, stripeCreatedAt: new Date(event.created * 1000), payload: raw as unknown as Record<string, unknown> });
  if (existing && existing.status !== 'received') return { outcome: 'duplicate', tenantId: existing.tenantId };
  if (!isHandledEventType(event.type)) {
    await markStripeEvent(deps.db, event.id, 'ignored');
    return { outcome: 'ignored', tenantId: null };
  }
  const tenant = await resolveTenant(deps, raw);
  if (!tenant) {
    await markStripeEvent(deps.db, event.id, 'orphan');
    return { outcome: 'orphan', tenantId: null };
  }
  const normalized = await normalizeWithPlan(deps, raw);
  if (!normalized) throw new TenureError('INTERNAL', `handled event type ${event.type} did not normalize`);
  const args = await lifecycleArgs(deps, tenant.tenantId, tenant.name, tenant.email);
  try {
    await signalStripeEvent(deps.temporal, deps.config.temporal.taskQueue, args, normalized);
  } catch (err) {
    await markStripeEvent(deps.db, event.id, 'received', { tenantId: tenant.tenantId, error: (err as Error).message.slice(0, 500) });
    throw new TenureError('DEPENDENCY_UNAVAILABLE', 'the workflow service is unavailable; retry later');
  }
  await markStripeEvent(deps.db, event.id, 'forwarded', { tenantId: tenant.tenantId, error: null });
  return { outcome: 'forwarded', tenantId: tenant.tenantId };
}
