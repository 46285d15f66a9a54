import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { MAILPIT_SMTP_URL, messagesTo, readMessage } from '../support/mailpit.js';
import { invoiceObject, signed, stripeEvent } from '../support/stripe-payloads.js';
import { eventually } from '../support/wait.js';

// Issue 16's "done when": a payment failure sends one email to the tenant's billing address, visible
// in Mailpit. The real API, worker and notifier processes: a signed Stripe webhook -> the lifecycle
// -> payment.failed through the outbox onto billing.events -> the notifier -> SMTP -> Mailpit.
const tenantId = uid('e2e-mail-');
const email = `${tenantId}@example.test`;
const e2e = useE2E(() => [tenantId], { SMTP_URL: MAILPIT_SMTP_URL, KAFKA_NOTIFY_GROUP: uid('e2e-notifier-') }, { notifier: true });

async function deliverWebhook(payload: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(`${e2e.tenure.baseUrl}/webhooks/stripe`, { method: 'POST', headers, body: payload });
  expect(res.status).toBe(200);
}

describe('email notifications through the real processes', () => {
  it('sends one email for a failed payment, and none for the replayed webhook or the replayed event', async () => {
    const res = await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: e2e.headers(['service']), body: JSON.stringify({ tenantId, name: 'Mail Co', email }) });
    expect(res.status).toBe(201);
    const invoiceId = `in_${tenantId}`;
    const webhook = signed(stripeEvent(`evt_${tenantId}_fail`, 'invoice.payment_failed', invoiceObject(invoiceId, { tenantId, customer: uid('cus_') })), e2e.config.stripe.webhookSecret);
    await deliverWebhook(webhook.payload, webhook.headers);

    const messages = await eventually(async () => { const m = await messagesTo(email); return m.length > 0 ? m : undefined; }, 'the payment failure email in Mailpit', 60_000);
    const message = await readMessage(messages[0]!.ID);
    expect(message.Subject).toBe(`Payment failed for invoice ${invoiceId}`);
    expect(message.Text).toContain('Hello Mail Co,');
    expect(message.Text).toContain(`We could not collect the payment of 99.00 for invoice ${invoiceId} (attempt 1).`);
    const event = await e2e.events.waitFor((e) => e.type === 'payment.failed');

    // Stripe retries the webhook; then the same event reaches billing.events again (a relay replay).
    await deliverWebhook(webhook.payload, webhook.headers);
    const kafka = new Kafka({ clientId: uid('e2e-replay-'), brokers: e2e.config.kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: e2e.config.kafka.billingTopic, messages: [{ key: event.tenantId, value: JSON.stringify(event), headers: { 'event-id': event.id, 'event-type': event.type } }] });
    await producer.disconnect();
    await eventually(async () => (e2e.tenure.output().split('\n').some((l) => l.includes('this event was notified before') && l.includes(event.id)) ? true : undefined), 'the notifier seeing the replay as a duplicate', 30_000);

    expect(await messagesTo(email)).toHaveLength(1);
    const rows = await e2e.database.sql`select status, recipient, attempts from notification_sends where event_id = ${event.id}`;
    expect(rows).toEqual([{ status: 'sent', recipient: email, attempts: 1 }]);
  });
});
