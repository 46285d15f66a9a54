import { Webhook } from 'standardwebhooks';
import { createWorkerMetrics } from '../../../config/metrics.js';
import { countEndpointsDisabledByFailures } from '../../../db/queries/webhook-endpoints.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { invoiceObject, signed, stripeEvent } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { eventually } from '../../support/wait.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../../support/webhook-receiver.js';

// Outbound webhooks against the real worker, Postgres, Kafka and Temporal: a receiver on loopback
// gets the events it subscribed to, signed per Standard Webhooks; retries and disabling follow the
// (shortened) schedule. Issue 16, "Done when".

let stack: TestStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    env: {
      TRIAL_PERIOD: '30s', TRIAL_REMINDERS: '25s',
      WEBHOOK_RETRY_INITIAL: '200ms', WEBHOOK_RETRY_MAX_INTERVAL: '500ms', WEBHOOK_RETRY_WINDOW: '4s',
      WEBHOOK_TIMEOUT: '2s', WEBHOOK_POLL_INTERVAL: '1s', WEBHOOK_SETTLE_LAG: '200ms',
    },
  });
});
afterAll(async () => { await stack?.close(); await receiver?.close(); });

const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-1', roles: ['platform_admin'] }));

async function createEndpoint(url: string, events: string[]): Promise<{ id: string; secret: string }> {
  const res = await stack.app.inject({ method: 'POST', url: '/admin/webhook-endpoints', headers: admin(), payload: { url, events } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function stripeWebhook(event: ReturnType<typeof stripeEvent>): Promise<void> {
  const { payload, headers } = signed(event, stack.config.stripe.webhookSecret);
  const res = await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload, headers });
  expect(res.statusCode).toBe(200);
}

const headersOf = (r: ReceivedWebhook) => ({ 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) });
const ofTenant = (path: string, tenantId: string) => receiver.on(path).filter((r) => (JSON.parse(r.body) as { tenantId: string }).tenantId === tenantId);

describe('a receiver on loopback', () => {
  it('gets tenant.created, payment.failed and trial.ending_soon, each verifiable with the endpoint secret', async () => {
    const endpoint = await createEndpoint(receiver.url('ok'), ['tenant.created', 'payment.failed', 'trial.ending_soon']);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const tenantId = uid('hook-');
    await registerTenant(stack, tenantId);
    // The trial (30 s) reminds 25 s before its end; the failed invoice names the tenant in its metadata.
    await stripeWebhook(stripeEvent(uid('evt_'), 'invoice.payment_failed', invoiceObject(uid('in_'), { tenantId, customer: uid('cus_') })));
    await stateWhere(stack, tenantId, (s) => s.paymentStatus === 'past_due', 'past_due');
    const got = await eventually(async () => {
      const types = new Set(ofTenant('ok', tenantId).map((r) => (JSON.parse(r.body) as { type: string }).type));
      return ['tenant.created', 'payment.failed', 'trial.ending_soon'].every((t) => types.has(t)) ? ofTenant('ok', tenantId) : undefined;
    }, 'the three event types at the receiver', 40_000);

    const verifier = new Webhook(endpoint.secret);
    const stored = await stack.database.sql`select id, type from billing_events where tenant_id = ${tenantId} order by seq`;
    for (const r of got) {
      const envelope = verifier.verify(r.body, headersOf(r)) as { id: string; type: string; tenantId: string; version: number; occurredAt: string; data: unknown };
      expect(envelope.id).toBe(r.headers['webhook-id']);
      expect(Object.keys(envelope)).toEqual(['id', 'type', 'version', 'tenantId', 'occurredAt', 'data']);
      expect(stored.map((s) => s.id)).toContain(envelope.id);
    }
    // Only the subscribed types, each once, in the order recorded.
    const wanted = stored.filter((s) => ['tenant.created', 'payment.failed', 'trial.ending_soon'].includes(String(s.type))).map((s) => s.id);
    expect(got.map((r) => r.id)).toEqual(wanted);
    expect(() => new Webhook(`whsec_${Buffer.from('another secret, 24 bytes!').toString('base64')}`).verify(got[0]!.body, headersOf(got[0]!))).toThrow();
  }, 60_000);

  it('that answers 500 twice, then 200, gets the event three times and no more; the deliveries route lists the attempts', async () => {
    const endpoint = await createEndpoint(receiver.url('flaky'), ['tenant.created']);
    const tenantId = uid('flaky-');
    await registerTenant(stack, tenantId);
    await eventually(async () => (ofTenant('flaky', tenantId).some((r) => r.status === 200) ? true : undefined), 'a 200 after two 500s', 20_000);
    await new Promise((r) => setTimeout(r, 2_500));
    const attempts = ofTenant('flaky', tenantId);
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((r) => r.id)).size).toBe(1);

    const res = await stack.app.inject({ method: 'GET', url: `/admin/webhook-endpoints/${endpoint.id}/deliveries`, headers: admin() });
    expect(res.statusCode).toBe(200);
    const { deliveries, total } = res.json() as { total: number; deliveries: { eventId: string; attempt: number; statusCode: number; delivered: boolean; response: string; latencyMs: number }[] };
    const mine = deliveries.filter((d) => d.eventId === attempts[0]!.id);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(mine.map((d) => [d.attempt, d.statusCode, d.delivered])).toEqual([[3, 200, true], [2, 500, false], [1, 500, false]]);
    expect(mine[1]!.response).toBe('receiver is failing on purpose');
    expect(mine.every((d) => d.latencyMs >= 0)).toBe(true);
  }, 40_000);

  it('that always fails is disabled after the retry window, with webhook_endpoint.disabled published', async () => {
    const endpoint = await createEndpoint(receiver.url('down'), ['tenant.created']);
    const tenantId = uid('down-');
    await registerTenant(stack, tenantId);
    const disabled = await eventually(async () => {
      const res = await stack.app.inject({ method: 'GET', url: `/admin/webhook-endpoints/${endpoint.id}`, headers: admin() });
      const body = res.json() as { enabled: boolean; disabledReason: string | null };
      return body.enabled ? undefined : body;
    }, 'the endpoint disabled', 20_000);
    expect(disabled.disabledReason).toBe('retry_window_exhausted');
    const attempts = ofTenant('down', tenantId).length;
    // 4 s window, 200 ms doubling to 500 ms: about 9 attempts.
    expect(attempts).toBeGreaterThanOrEqual(5);
    const [event] = await eventually(async () => {
      const rows = await stack.database.sql`select data, published_at from billing_events where type = 'webhook_endpoint.disabled' and data->>'endpointId' = ${endpoint.id}`;
      return rows.length > 0 && rows[0]!.published_at !== null ? rows : undefined;
    }, 'webhook_endpoint.disabled published');
    expect(event!.data).toMatchObject({ endpointId: endpoint.id, url: receiver.url('down'), lastError: 'HTTP 500' });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(ofTenant('down', tenantId).length).toBe(attempts);
    // The worker's gauge behind the BillingWebhookEndpointDisabled alert.
    const metrics = createWorkerMetrics({ countActiveTrials: async () => 0, outboxBacklog: async () => ({ pending: 0, oldestRecordedAt: null }), countDisabledWebhookEndpoints: () => countEndpointsDisabledByFailures(stack.deps.db) });
    expect(await metrics.registry.metrics()).toContain('\nbilling_webhook_endpoints_disabled 1\n');

    // Nothing was lost: enabled again (at a receiver that works), it gets the event it could not take.
    const held = ofTenant('down', tenantId)[0]!.id;
    const resumed = await stack.app.inject({ method: 'PATCH', url: `/admin/webhook-endpoints/${endpoint.id}`, headers: admin(), payload: { url: `${receiver.url('ok')}?resumed=1`, enabled: true } });
    expect(resumed.json()).toMatchObject({ enabled: true, disabledReason: null });
    await eventually(async () => (receiver.received.some((r) => r.target.endsWith('?resumed=1') && r.id === held) ? true : undefined), 'the held event after re-enabling', 20_000);
  }, 40_000);

  it('after a rotation, signs with the new and the old secret', async () => {
    const endpoint = await createEndpoint(receiver.url('ok'), ['tenant.created']);
    const res = await stack.app.inject({ method: 'POST', url: `/admin/webhook-endpoints/${endpoint.id}/rotate-secret`, headers: admin() });
    expect(res.statusCode).toBe(200);
    const rotated = res.json() as { secret: string; previousSecretExpiresAt: string };
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const tenantId = uid('rot-');
    await registerTenant(stack, tenantId);
    // Other endpoints at the same path (earlier tests) get tenant.created too: wait for the rotated one's delivery.
    const mine = await eventually(async () => ofTenant('ok', tenantId).find((r) => String(r.headers['webhook-signature']).includes(' ')), 'tenant.created signed with two secrets', 20_000);
    expect(String(mine.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => new Webhook(rotated.secret).verify(mine.body, headersOf(mine))).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(mine.body, headersOf(mine))).not.toThrow();
  }, 40_000);

  it('gets the stored events again through tenure webhooks replay, with the same webhook-id', async () => {
    const endpoint = await createEndpoint(`${receiver.url('ok')}?replayed=1`, ['tenant.created']);
    const since = new Date(Date.now() - 1_000).toISOString();
    const tenantId = uid('replay-');
    await registerTenant(stack, tenantId);
    const at = () => receiver.received.filter((r) => r.target.endsWith('?replayed=1') && (JSON.parse(r.body) as { tenantId: string }).tenantId === tenantId);
    await eventually(async () => (at().length === 1 ? true : undefined), 'the first delivery', 20_000);

    const env = cliEnv(stack.config);
    const listed = await runTenure(['webhooks', 'list', '--json'], { env });
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { endpoints: { id: string }[] }).endpoints.map((e) => e.id)).toContain(endpoint.id);
    const replayed = await runTenure(['webhooks', 'replay', '--endpoint', endpoint.id, '--since', since], { env });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stderr).toContain('replay: done');
    // The range starts a second early, so it may hold an earlier test's tenant.created too: count what it holds.
    const range = /replayed events (\d+)\.\.(\d+) to (\S+): (\d+) sent/.exec(replayed.stdout);
    expect(range?.[3]).toBe(endpoint.id);
    const [counted] = await stack.database.sql`select count(*)::int as n from billing_events where type = 'tenant.created' and seq between ${Number(range![1])} and ${Number(range![2])}`;
    expect(Number(range![4])).toBe(counted!.n);
    expect(counted!.n).toBeGreaterThanOrEqual(1);
    await eventually(async () => (at().length === 2 ? true : undefined), 'the replayed delivery', 20_000);
    expect(at().map((r) => r.id)).toEqual([at()[0]!.id, at()[0]!.id]);
    const bad = await runTenure(['webhooks', 'replay', '--endpoint', endpoint.id, '--since', 'last tuesday'], { env });
    expect(bad.code).toBe(2);
  }, 60_000);
});
