import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, createSmtpTransport } from '../../../config/clients.js';
import { createLogger } from '../../../config/logger.js';
import { createNotifierMetrics } from '../../../config/metrics.js';
import { findNotificationSend } from '../../../db/queries/notification-sends.js';
import { billingEvent, type BillingEvent } from '../../../domain/events.js';
import { createMailer, type Mailer } from '../../../services/notifications/mailer.js';
import { createNotificationStore } from '../../../services/notifications/notification-store.js';
import { notifyEvent, type NotifyDeps } from '../../../services/notifications/notify-event.js';
import { createNotifier, type Notifier } from '../../../workers/notifier-core.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { uid } from '../../support/ids.js';
import { MAILPIT_SMTP_URL, messageHeader, messagesTo, readMessage } from '../../support/mailpit.js';
import { freePort } from '../../support/processes.js';
import { eventually } from '../../support/wait.js';

// The notifier against the real services: events put on a Kafka topic of this file the way the
// outbox relay puts them on billing.events, a fresh database, and the dev stack's Mailpit over SMTP.
const config = testConfig();
const log = createLogger({ level: 'silent' });
const topic = uid('billing.events.test.');
let database: TestDatabase;
let admin: Admin;
let producer: Producer;
let notifier: Notifier;
const metrics = createNotifierMetrics();
const transport = createSmtpTransport(MAILPIT_SMTP_URL);
let deps: NotifyDeps;

async function addTenant(tenantId: string, email: string | null, name: string | null = null): Promise<void> {
  await database.sql`insert into tenants (tenant_id, name, email, status, payment_status, access, plan_id, plan_name, limits, version, state)
    values (${tenantId}, ${name}, ${email}, 'active', 'past_due', 'full', 'growth', 'Growth', '{}'::jsonb, 1, '{}'::jsonb)`;
}

// As services/events/outbox-relay.ts sends: keyed by tenant, the envelope as JSON, id and type in headers.
const publish = (e: BillingEvent) => producer.send({ topic, messages: [{ key: e.tenantId, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } }] });
const paymentFailed = (tenantId: string, invoiceId: string) => billingEvent(tenantId, 'payment.failed', `${invoiceId}:1`, Date.now(), { invoiceId, subscriptionId: 'sub_1', amountDue: 4_950, attemptCount: 1 });

beforeAll(async () => {
  database = await createTestDatabase(config.db.url);
  const kafka = new Kafka({ clientId: uid('test-notify-'), brokers: config.kafka.brokers, logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  producer = kafka.producer();
  await producer.connect();
  deps = { store: createNotificationStore(database.db), mailer: createMailer(transport), from: 'Tenure Billing <billing@tenure.localhost>', publicUrl: 'http://127.0.0.1:3000', log };
  notifier = createNotifier({ kafka: createKafka(config, log), topic, groupId: uid('test-notifier-'), notify: deps, log, metrics, fromBeginning: true });
  await notifier.start();
  await notifier.joined();
});

afterAll(async () => {
  await notifier?.stop();
  transport.close();
  await producer?.disconnect();
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin?.disconnect();
  await database?.drop();
});

describe('the notifier, from Kafka to Mailpit', () => {
  it('sends one email for a payment failure to the billing address, and none when the event is replayed', async () => {
    const tenantId = uid('nt-');
    const email = `${tenantId}@example.test`;
    await addTenant(tenantId, email, 'Acme <b>Labs</b>');
    const event = paymentFailed(tenantId, 'in_mail_1');
    await publish(event);
    const sent = await eventually(async () => { const row = await findNotificationSend(database.db, event.id); return row?.status === 'sent' ? row : undefined; }, 'the send recorded');
    expect(sent).toMatchObject({ tenantId, eventType: 'payment.failed', template: 'payment_failed', recipient: email, attempts: 1 });

    const skippedBefore = notifier.stats.skipped;
    await publish(event);
    await eventually(async () => (notifier.stats.skipped > skippedBefore ? true : undefined), 'the replay seen as a duplicate');

    const messages = await eventually(async () => { const m = await messagesTo(email); return m.length > 0 ? m : undefined; }, 'the email in Mailpit');
    expect(messages).toHaveLength(1);
    const message = await readMessage(messages[0]!.ID);
    expect(message.Subject).toBe('Payment failed for invoice in_mail_1');
    expect(message.From.Address).toBe('billing@tenure.localhost');
    expect(message.Text).toContain('We could not collect the payment of 49.50 for invoice in_mail_1 (attempt 1).');
    expect(message.Text).toContain('Hello Acme <b>Labs</b>,');
    expect(message.HTML).toContain('Hello Acme &lt;b&gt;Labs&lt;/b&gt;,');
    expect(await messageHeader(message.ID, 'X-Tenure-Event-Id')).toBe(event.id);
    expect((await metrics.sent.get()).values.find((v) => v.labels.type === 'payment.failed')?.value).toBeGreaterThanOrEqual(1);
  });

  it('records a tenant without a billing email as skipped and sends nothing; other event types are ignored', async () => {
    const tenantId = uid('nt-');
    await addTenant(tenantId, null);
    const event = billingEvent(tenantId, 'trial.expired', 'trial', Date.now(), { startedAt: Date.now() - 1_000, endedAt: Date.now(), planId: 'free' });
    const ignoredBefore = notifier.stats.ignored;
    await publish(billingEvent(tenantId, 'tenant.created', 'created', Date.now(), { name: null, email: null, planId: 'starter', trialEndsAt: null }));
    await publish(event);
    const row = await eventually(async () => { const r = await findNotificationSend(database.db, event.id); return r?.status === 'skipped' ? r : undefined; }, 'the skip recorded');
    expect(row.reason).toBe('no_billing_email');
    expect(notifier.stats.ignored).toBeGreaterThan(ignoredBefore);
    expect(await findNotificationSend(database.db, `${tenantId}:tenant.created:created`)).toBeNull();
  });
});

describe('notifyEvent with the SMTP server unreachable', () => {
  it('releases the claim, so the next attempt (SMTP back) sends the one email', async () => {
    const tenantId = uid('nt-');
    const email = `${tenantId}@example.test`;
    await addTenant(tenantId, email);
    const event = billingEvent(tenantId, 'usage.threshold_crossed', 'seats:100', Date.now(), { metric: 'seats', threshold: 100, used: 10, limit: 10, periodStart: new Date().toISOString() });
    const down = createSmtpTransport(`smtp://127.0.0.1:${await freePort()}`);
    try {
      expect((await notifyEvent({ ...deps, mailer: createMailer(down) }, event)).outcome).toBe('retry');
    } finally {
      down.close();
    }
    expect((await findNotificationSend(database.db, event.id))?.status).toBe('released');
    expect(await notifyEvent(deps, event)).toMatchObject({ outcome: 'sent', template: 'usage_limit_reached' });
    expect(await notifyEvent(deps, event)).toEqual({ outcome: 'skipped', reason: 'duplicate' });
    expect(await findNotificationSend(database.db, event.id)).toMatchObject({ status: 'sent', attempts: 2 });
    const messages = await eventually(async () => { const m = await messagesTo(email); return m.length > 0 ? m : undefined; }, 'the email in Mailpit');
    expect(messages.map((m) => m.Subject)).toEqual(['You have reached your seats limit']);
  });
});

describe('the notifier while SMTP is down', () => {
  it('keeps the event until SMTP answers, then sends its one email', async () => {
    const ownTopic = uid('billing.events.test.');
    await admin.createTopics({ topics: [{ topic: ownTopic, numPartitions: 1 }], waitForLeaders: true });
    const tenantId = uid('nt-');
    const email = `${tenantId}@example.test`;
    await addTenant(tenantId, email);
    // The first attempt meets a closed port (nothing listens), later ones the real Mailpit.
    const down = createSmtpTransport(`smtp://127.0.0.1:${await freePort()}`);
    let attempts = 0;
    const flaky: Mailer = { send: (m) => (++attempts === 1 ? createMailer(down) : deps.mailer).send(m) };
    const own = createNotifierMetrics();
    const waiting = createNotifier({ kafka: createKafka(config, log), topic: ownTopic, groupId: uid('test-notifier-'), notify: { ...deps, mailer: flaky }, log, metrics: own, fromBeginning: true });
    try {
      await waiting.start();
      const event = billingEvent(tenantId, 'subscription.cancelled', 'sub_x', Date.now(), { subscriptionId: 'sub_x', reason: null, cancelAt: Date.now() + 86_400_000 });
      await producer.send({ topic: ownTopic, messages: [{ key: tenantId, value: JSON.stringify(event) }] });
      const row = await eventually(async () => { const r = await findNotificationSend(database.db, event.id); return r?.status === 'sent' ? r : undefined; }, 'the send after the retry', 45_000);
      expect(row.attempts).toBe(2);
      expect(attempts).toBe(2);
      expect((await own.failed.get()).values).toEqual([expect.objectContaining({ labels: { type: 'subscription.cancelled', reason: 'retrying' }, value: 1 })]);
      const messages = await eventually(async () => { const m = await messagesTo(email); return m.length > 0 ? m : undefined; }, 'the email in Mailpit');
      expect(messages.map((m) => m.Subject)).toEqual(['Your subscription has been cancelled']);
    } finally {
      await waiting.stop();
      down.close();
      await admin.deleteTopics({ topics: [ownTopic] }).catch(() => undefined);
    }
  });
});
