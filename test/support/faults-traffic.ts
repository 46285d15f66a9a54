import { Kafka, logLevel } from 'kafkajs';
import { asc, inArray } from 'drizzle-orm';
import { billingEvents, stripeEvents } from '../../db/schema/index.js';
import type { BillingEvent } from '../../domain/events.js';
import type { TenantStatusView } from '../../services/usage/read-tenant-status.js';
import type { FaultStack } from './faults-app.js';
import { uid } from './ids.js';
import type { TenantState } from '../../domain/lifecycle/index.js';
import { stateQuery, workflowIdOf } from '../../workflows/messages.js';
import { invoiceObject, signed, stripeEvent, subscriptionObject } from './stripe-payloads.js';
import { eventually } from './wait.js';

// The traffic of the fault scenarios, through the API as product backends and Stripe send it, and
// the reads that check its outcome: the billing_events record, the Kafka topic, the webhook inbox.

export interface Answer { status: number; body: unknown; retryAfter: string | null; ms: number }

async function call(fs: FaultStack, method: string, path: string, body: unknown, headers: Record<string, string>, timeoutMs = 30_000): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${fs.baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }), signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
}

export const api = {
  registerTenant: (fs: FaultStack, tenantId: string) => call(fs, 'POST', '/tenants', { tenantId, email: `${tenantId}@example.com` }, fs.headers(['service'])),
  status: (fs: FaultStack, tenantId: string) => call(fs, 'GET', `/internal/tenants/${tenantId}/status`, undefined, fs.headers(['service'])),
  consume: (fs: FaultStack, tenantId: string, metric: string, amount = 1, idempotencyKey?: string) =>
    call(fs, 'POST', `/internal/tenants/${tenantId}/usage/consume`, { metric, amount, ...(idempotencyKey ? { idempotencyKey } : {}) }, fs.headers(['service'])),
  usage: (fs: FaultStack, tenantId: string) => call(fs, 'GET', `/internal/tenants/${tenantId}/usage`, undefined, fs.headers(['service'])),
  admin: (fs: FaultStack, method: string, path: string, body: unknown) => call(fs, method, path, body, fs.headers(['platform_admin'])),
  /** A tenant owner's request to /billings/* (upgrade, downgrade, ...). */
  owner: (fs: FaultStack, tenantId: string, method: string, path: string, body?: unknown) =>
    call(fs, method, path, body, { ...fs.headers(['tenant_owner'], tenantId), ...(body === undefined ? { 'content-type': 'text/plain' } : {}) }),
  /** Delivers a Stripe event, signed now (as each of Stripe's retries is). */
  webhook: (fs: FaultStack, event: unknown) => {
    const { payload, headers } = signed(event, fs.config.stripe.webhookSecret);
    return call(fs, 'POST', '/webhooks/stripe', payload, headers);
  },
};

/** The status view, or throws with the answer when it is not a 200. */
export async function statusOf(fs: FaultStack, tenantId: string): Promise<TenantStatusView> {
  const res = await api.status(fs, tenantId);
  if (res.status !== 200) throw new Error(`status of ${tenantId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TenantStatusView;
}

/** Registers tenants through the API; each must answer 201. */
export async function registerTenants(fs: FaultStack, tenantIds: string[]): Promise<void> {
  for (const id of tenantIds) {
    const res = await api.registerTenant(fs, id);
    if (res.status !== 201) throw new Error(`registering ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * Delivers an event as Stripe does: again after every 5xx (Stripe's own retries, compressed to
 * `everyMs`), until an answer that is not a 5xx or `attempts` run out. Returns every answer.
 */
export async function deliverUntilAccepted(fs: FaultStack, event: unknown, attempts = 40, everyMs = 500): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < attempts; i++) {
    const a = await api.webhook(fs, event).catch((err: unknown) => ({ status: 0, body: String(err), retryAfter: null, ms: 0 }));
    answers.push(a);
    if (a.status > 0 && a.status < 500) return answers;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return answers;
}

/** The recorded billing events of these tenants, in the order they were recorded. */
export type RecordedEvent = BillingEvent & { recordedAt: Date; publishedAt: Date | null };
export async function recordedEvents(fs: FaultStack, tenantIds: string[]): Promise<RecordedEvent[]> {
  const rows = await fs.database.db.select().from(billingEvents).where(inArray(billingEvents.tenantId, tenantIds)).orderBy(asc(billingEvents.seq));
  return rows.map((r) => ({ id: r.id, type: r.type, version: r.version, tenantId: r.tenantId, occurredAt: r.occurredAt.toISOString(), data: r.data, recordedAt: r.recordedAt, publishedAt: r.publishedAt }) as RecordedEvent);
}

/** Waits until every recorded event of these tenants has been handed to Kafka, and returns them. */
export const drainedEvents = (fs: FaultStack, tenantIds: string[], timeoutMs = 60_000) =>
  eventually(async () => { const all = await recordedEvents(fs, tenantIds); return all.every((e) => e.publishedAt !== null) ? all : undefined; }, 'the outbox drained', timeoutMs);

/**
 * Compares what Kafka carries with the record: lost = recorded ids never published, duplicates =
 * ids published more than once, and per tenant the published order against the recorded one.
 */
export function deliveryReport(recorded: { id: string; tenantId: string }[], published: { id: string; tenantId: string }[]) {
  const publishedIds = new Set(published.map((e) => e.id));
  return {
    lost: recorded.filter((e) => !publishedIds.has(e.id)).length,
    duplicates: repeats(published, (e) => e.id),
    recordedOrder: idsPerTenant(recorded),
    publishedOrder: idsPerTenant(published),
  };
}

/** The webhook inbox rows with these event ids. */
export async function inboxRows(fs: FaultStack, eventIds: string[]) {
  return fs.database.db.select().from(stripeEvents).where(inArray(stripeEvents.id, eventIds));
}

/** Counts by a key, e.g. event types. */
export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

/** How many items repeat an earlier one's key. */
export const repeats = <T>(items: T[], key: (t: T) => string): number => items.length - new Set(items.map(key)).size;

/**
 * Reads a topic from the beginning up to its current end with a fresh consumer group and returns
 * the messages (parsed JSON values) that `keep` accepts, in partition order.
 */
export async function readTopic<T>(brokers: string[], topic: string, keep: (value: T) => boolean): Promise<T[]> {
  const kafka = new Kafka({ clientId: uid('faults-reader-'), brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  await admin.disconnect();
  const byPartition = new Map<number, T[]>();
  const reached = new Map<number, bigint>();
  const consumer = kafka.consumer({ groupId: uid('faults-reader-') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      reached.set(partition, BigInt(message.offset) + 1n);
      const value = JSON.parse(message.value!.toString()) as T;
      if (keep(value)) byPartition.set(partition, [...(byPartition.get(partition) ?? []), value]);
    },
  });
  const deadline = Date.now() + 60_000;
  const done = () => [...ends].every(([p, end]) => end === 0n || (reached.get(p) ?? 0n) >= end);
  while (!done()) {
    if (Date.now() > deadline) { await consumer.disconnect(); throw new Error(`reading ${topic}: did not reach its end within 60s`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  await consumer.disconnect();
  return [...byPartition.keys()].sort((a, b) => a - b).flatMap((p) => byPartition.get(p)!);
}

/** The billing events of these tenants on Kafka, in each partition's order (a tenant stays in one). */
export const publishedEvents = (fs: FaultStack, tenantIds: string[]) =>
  readTopic<BillingEvent>(fs.config.kafka.brokers, fs.config.kafka.billingTopic, (e) => tenantIds.includes(e.tenantId));

/** Per tenant, the ids in order. */
export function idsPerTenant(events: { id: string; tenantId: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of events) (out[e.tenantId] ??= []).push(e.id);
  return out;
}

/** The live workflow state of a tenant. */
export const lifecycleState = (fs: FaultStack, tenantId: string) => fs.temporal.workflow.getHandle(workflowIdOf(tenantId)).query(stateQuery);

/** Waits until every tenant's workflow state satisfies the predicate. */
export const allLifecycles = (fs: FaultStack, tenantIds: string[], pred: (s: TenantState) => boolean, what: string, timeoutMs = 30_000) =>
  eventually(async () => ((await Promise.all(tenantIds.map((t) => lifecycleState(fs, t)))).every(pred) ? true : undefined), what, timeoutMs);

/** Registers the tenants and puts each on an active starter subscription (sub_<id>, cus_<id>) by webhook. */
export async function subscribedTenants(fs: FaultStack, tenantIds: string[]): Promise<void> {
  await registerTenants(fs, tenantIds);
  for (const t of tenantIds) {
    const created = stripeEvent(uid('evt_sub_'), 'customer.subscription.created', subscriptionObject({ id: `sub_${t}`, tenantId: t, customer: `cus_${t}`, priceId: 'price_starter_monthly' }));
    const res = await api.webhook(fs, created);
    if (res.status !== 200) throw new Error(`subscribing ${t}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  await allLifecycles(fs, tenantIds, (s) => s.subscription?.status === 'active', 'the subscriptions applied');
  await synced(fs, tenantIds);
}

/** Waits until each tenant's enforcement record (what status answers) has caught up with its workflow state. */
export const synced = (fs: FaultStack, tenantIds: string[]) => eventually(async () => {
  for (const t of tenantIds) if ((await statusOf(fs, t)).version !== (await lifecycleState(fs, t)).version) return undefined;
  return true;
}, 'the enforcement records in sync with the workflows');

/** An invoice.payment_failed or invoice.paid event of the tenant's subscription (see subscribedTenants). */
export const invoiceEventOf = (tenantId: string, type: 'invoice.payment_failed' | 'invoice.paid', eventId: string, invoiceId: string, createdMs?: number) =>
  stripeEvent(eventId, type, invoiceObject(invoiceId, { tenantId, customer: `cus_${tenantId}`, subscription: `sub_${tenantId}` }), createdMs);
