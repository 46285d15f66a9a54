import { findActivePlan } from '../../db/queries/plans.js';
import { findCustomerId } from '../../db/queries/stripe-customers.js';
import { findTenant } from '../../db/queries/tenants.js';
import { FREE_PLAN_ID } from '../../domain/plans/catalog.js';
import { JSON_OPTION, UsageError, flag, optInt, optString, reqString, type CommandSpec, type ParsedInput } from '../command.js';
import type { CliContext } from '../context.js';
import { printJson } from '../io.js';
import { SIMULATED_EVENT_TYPES, buildSimulatedEvent, simulatedId, type SimulatedEventType, type SimulationTarget } from '../lib/simulated-stripe-events.js';

// `tenure stripe simulate`: sends correctly signed, realistic Stripe events to a Tenure webhook, to
// rehearse renewals, failed payments and their retries, subscription changes and checkouts locally.

const path = ['stripe', 'simulate'];

async function resolveTarget(ctx: CliContext, input: ParsedInput, tenantId: string): Promise<SimulationTarget> {
  const db = ctx.db();
  const projection = await findTenant(db, tenantId);
  if (!projection) ctx.err(`warning: tenant ${tenantId} has no projection row; the webhook will store the event as an orphan`);
  const planId = optString(input, 'plan') ?? (projection && projection.planId !== FREE_PLAN_ID ? projection.planId : 'starter');
  const plan = await findActivePlan(db, planId);
  if (!plan) throw new UsageError(`--plan: no active plan '${planId}'`, path);
  return {
    tenantId,
    customerId: optString(input, 'customer') ?? (await findCustomerId(db, tenantId)) ?? projection?.stripeCustomerId ?? `cus_sim_${tenantId}`,
    subscriptionId: optString(input, 'subscription') ?? projection?.stripeSubscriptionId ?? `sub_sim_${tenantId}`,
    invoiceId: optString(input, 'invoice') ?? simulatedId('in'),
    planId: plan.id,
    priceId: plan.stripePriceId,
    amountCents: plan.priceMonthlyCents,
  };
}

interface Delivery { eventId: string; type: string; attempt: number; status: number; body: unknown }

async function deliver(ctx: CliContext, url: string, event: { id: string; type: string }, attempt: number): Promise<Delivery> {
  const payload = JSON.stringify(event);
  const signature = ctx.stripe().webhooks.generateTestHeaderString({ payload, secret: ctx.config.stripe.webhookSecret });
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature, 'user-agent': 'tenure-cli (Stripe simulation)' }, body: payload });
  } catch (err) {
    throw new Error(`could not reach ${url}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message} (is the API running?)`);
  }
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON: keep the text */ }
  return { eventId: event.id, type: event.type, attempt, status: res.status, body };
}

export const stripeSimulate: CommandSpec = {
  path,
  summary: 'Send signed, realistic Stripe webhook events for a tenant to a Tenure webhook.',
  args: ['eventType'],
  options: {
    tenant: { type: 'string', value: 'tenantId', description: 'the tenant the event is about; required' },
    times: { type: 'string', value: 'n', description: 'deliveries of distinct events (invoices: attempt_count 1..n, e.g. dunning retries); default 1' },
    url: { type: 'string', value: 'url', description: 'webhook URL (default PUBLIC_URL + /webhooks/stripe)' },
    plan: { type: 'string', value: 'planId', description: "subscription/checkout plan (default: the tenant's paid plan, else starter)" },
    customer: { type: 'string', value: 'cus_...', description: 'Stripe customer (default: the stored mapping, else cus_sim_<tenant>)' },
    subscription: { type: 'string', value: 'sub_...', description: "subscription id (default: the tenant's, else sub_sim_<tenant>)" },
    invoice: { type: 'string', value: 'in_...', description: 'invoice id, shared by all --times deliveries (default: a new one)' },
    ...JSON_OPTION,
  },
  details: `
Event types: ${SIMULATED_EVENT_TYPES.join(', ')}.
Signed with STRIPE_WEBHOOK_SECRET, as stripe.webhooks.generateTestHeaderString does. Exit code 1 if any
delivery is not answered 2xx. Examples:
  tenure stripe simulate invoice.paid --tenant acme                      # a renewal
  tenure stripe simulate invoice.payment_failed --tenant acme --times 3  # a failure and two retries
  tenure stripe simulate customer.subscription.updated --tenant acme --plan growth
  tenure stripe simulate checkout.session.completed --tenant acme --plan growth`,
  async run(ctx, input) {
    const type = input.positionals[0]!;
    if (!(SIMULATED_EVENT_TYPES as readonly string[]).includes(type)) throw new UsageError(`unsupported event type '${type}' (supported: ${SIMULATED_EVENT_TYPES.join(', ')})`, path);
    const times = optInt(input, 'times', 1, path, 1);
    const url = optString(input, 'url') ?? new URL('/webhooks/stripe', ctx.config.http.publicUrl).toString();
    const target = await resolveTarget(ctx, input, reqString(input, 'tenant', path));
    const deliveries: Delivery[] = [];
    const start = Date.now() - times * 1000;
    for (let attempt = 1; attempt <= times; attempt++) {
      const d = await deliver(ctx, url, buildSimulatedEvent(type as SimulatedEventType, target, attempt, start + attempt * 1000), attempt);
      deliveries.push(d);
      if (!flag(input, 'json')) ctx.out(`${attempt}/${times} ${d.eventId} ${d.type}${type.startsWith('invoice.') ? ` (${target.invoiceId}, attempt ${attempt})` : ''} -> ${d.status} ${typeof d.body === 'string' ? d.body : JSON.stringify(d.body)}`);
    }
    if (flag(input, 'json')) printJson(ctx, { url, target, deliveries });
    return deliveries.every((d) => d.status >= 200 && d.status < 300) ? 0 : 1;
  },
};
