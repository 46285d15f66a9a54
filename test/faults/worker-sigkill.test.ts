import { describe, expect, inject, it } from 'vitest';
import { recordScenario } from '../support/fault-results.js';
import { useFaultStack } from '../support/faults-app.js';
import { allLifecycles, api, countBy, deliveryReport, drainedEvents, invoiceEventOf, publishedEvents, recordedEvents, subscribedTenants, type Answer } from '../support/faults-traffic.js';
import { uid } from '../support/ids.js';
import { prng } from '../support/prng.js';

// The worker is SIGKILLed 10 times while Stripe webhooks and plan changes stream in. Each tenant
// runs cycles of (payment failed, paid, downgrade scheduled, downgrade cancelled) after one upgrade,
// every webhook delivered twice, until the kills are over. Then every transition took effect once,
// every Stripe mutation reached stripe-mock under one idempotency key (a retry repeats the key, never
// makes a new one), and every billing event id is on Kafka once.
const KILLS = 10;
const SEED = 11;
const fs = useFaultStack({ tag: 'worker-kill', stripeProxy: true });
const tenants = [uid('ft-wk-a-'), uid('ft-wk-b-'), uid('ft-wk-c-')];
const retryable = (a: Answer) => a.status === 0 || a.status >= 500;

/** Sends a request again while it answers 5xx (the API's "not done, retry"); returns the last answer. */
async function untilAnswered(send: () => Promise<Answer>, log: Answer[]): Promise<Answer> {
  for (let i = 0; i < 60; i++) {
    const a = await send().catch((err: unknown): Answer => ({ status: 0, body: String(err), retryAfter: null, ms: 0 }));
    log.push(a);
    if (!retryable(a)) return a;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`still unanswered after 60 attempts: ${JSON.stringify(log.at(-1))}`);
}

describe('worker SIGKILL under webhooks and plan changes', () => {
  it('applies every transition once, makes no duplicate Stripe mutation and publishes every event id once', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'worker-sigkill');
    await subscribedTenants(fs, tenants);
    const before = await recordedEvents(fs, tenants);
    fs.proxy!.clear();

    let killing = true;
    const answers: Answer[] = [];
    const refusedAfterRetry: string[] = [];
    let clock = Date.now();
    // One op: retried on 5xx; a refusal after a retry means the first attempt took effect.
    const op = async (name: string, send: () => Promise<Answer>, okAfterRetry: string) => {
      const log: Answer[] = [];
      const last = await untilAnswered(send, log);
      answers.push(...log);
      if (last.status >= 400) {
        const code = (last.body as { error?: { code?: string } }).error?.code;
        if (log.length > 1 && code === okAfterRetry) refusedAfterRetry.push(name);
        else throw new Error(`${name}: ${last.status} ${JSON.stringify(last.body)}`);
      }
    };
    const twice = async (event: unknown) => { for (let i = 0; i < 2; i++) await op('webhook', () => api.webhook(fs, event), '-'); };
    const cycles = new Map<string, number>();
    const stream = async (t: string) => {
      await op('upgrade', () => api.owner(fs, t, 'POST', '/billings/subscription/upgrade', { planId: 'growth' }), 'SAME_PLAN');
      for (let n = 1; killing || n === 1; n++) {
        await twice(invoiceEventOf(t, 'invoice.payment_failed', `evt_${t}_fail_${n}`, `in_${t}_${n}`, (clock += 1000)));
        await twice(invoiceEventOf(t, 'invoice.paid', `evt_${t}_paid_${n}`, `in_${t}_${n}`, (clock += 1000)));
        await op('downgrade', () => api.owner(fs, t, 'POST', '/billings/subscription/downgrade', { planId: 'starter' }), 'SAME_PLAN');
        await op('cancel downgrade', () => api.owner(fs, t, 'DELETE', '/billings/subscription/downgrade'), 'NO_PENDING_CHANGE');
        cycles.set(t, n);
      }
    };
    const streams = Promise.all(tenants.map(stream));
    const random = prng(SEED);
    const t0 = Date.now();
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 200 + Math.floor(random() * 800)));
      await fs.worker.kill('SIGKILL');
      rec.faults++;
      await fs.worker.start();
    }
    killing = false;
    const t1 = Date.now();
    await streams;
    const t2 = Date.now();

    // Settle: every tenant back on growth, active, no pending change, and the outbox drained.
    await allLifecycles(fs, tenants, (s) => s.paymentStatus === 'active' && s.pendingChange === null && s.plan.id === 'growth', 'the lifecycles settled', 60_000);
    const recorded = await drainedEvents(fs, tenants);
    rec.note(`kills took ${Math.round((t1 - t0) / 1000)}s, the streams finished ${Math.round((t2 - t1) / 1000)}s later, settled ${Math.round((Date.now() - t2) / 1000)}s after`);
    const fresh = recorded.filter((e) => !before.some((b) => b.id === e.id));
    const published = await publishedEvents(fs, tenants);

    const expected = (t: string) => {
      const n = cycles.get(t)!;
      return {
        'subscription.upgraded': 1, 'payment.failed': n, 'payment.restored': n, 'tenant.payment_status.changed': 2 * n,
        'subscription.downgrade_scheduled': n, 'subscription.downgrade_cancelled': n,
      };
    };
    const applied = (t: string) => countBy(fresh.filter((e) => e.tenantId === t && e.type in expected(t)), (e) => e.type);

    // Stripe: mutations (POST) by idempotency key, as stripe-mock saw them through the proxy.
    const posts = fs.proxy!.seen.filter((r) => r.method === 'POST');
    const keys = new Map<string, Set<string>>();
    for (const p of posts) keys.set(p.idempotencyKey ?? '(none)', (keys.get(p.idempotencyKey ?? '(none)') ?? new Set()).add(`${p.path}\n${p.body}`));
    const totalCycles = [...cycles.values()].reduce((a, b) => a + b, 0);
    // Per tenant: the upgrade's price and metadata updates, then per cycle a schedule's create and phases, and its release.
    const expectedMutations = 2 * tenants.length + 3 * totalCycles;
    const delivery = deliveryReport(recorded, published);
    rec.lost = delivery.lost;
    rec.duplicates = delivery.duplicates + Math.max(0, keys.size - expectedMutations)
      + tenants.reduce((n, t) => n + Object.entries(applied(t)).reduce((m, [type, c]) => m + Math.max(0, c - (expected(t) as Record<string, number>)[type]!), 0), 0);
    rec.note(`${totalCycles} cycles over ${tenants.length} tenants; ${posts.length} Stripe POSTs under ${keys.size} keys (${posts.length - keys.size} retries with the same key); ${refusedAfterRetry.length} ops refused after a retry as already applied; ${answers.filter(retryable).length} 5xx answers`);

    expect(tenants.map(applied)).toEqual(tenants.map(expected));
    expect(posts.filter((p) => p.idempotencyKey === null)).toEqual([]);
    expect([...keys.values()].filter((bodies) => bodies.size > 1)).toEqual([]);
    expect(keys.size).toBe(expectedMutations);
    expect(delivery.duplicates).toBe(0);
    expect(delivery.lost).toBe(0);
    // In order per tenant: Kafka carries each tenant's events in the order they were recorded.
    expect(delivery.publishedOrder).toEqual(delivery.recordedOrder);
  });
});
