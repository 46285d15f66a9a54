import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../config/logger.js';
import type { NotificationSendStatus } from '../../../db/schema/notification-sends.js';
import type { Mailer, OutgoingEmail } from '../../../services/notifications/mailer.js';
import type { NotificationStore } from '../../../services/notifications/notification-store.js';
import { notifyEvent, type NotifyDeps } from '../../../services/notifications/notify-event.js';
import { NOTIFIED_FIXTURES as F } from './fixtures.js';

// The dedupe decisions of the notify use case, with an in-memory ledger that claims as the SQL does
// (a new id, or a released one) and a mailer that fails as told. The real ledger and a real SMTP
// server are in test/integration/notifications and test/e2e/notifications.test.ts.

interface Row { status: NotificationSendStatus; attempts: number; reason?: string }

function fakeStore(contacts: Record<string, { name: string | null; email: string | null }>): NotificationStore & { rows: Map<string, Row> } {
  const rows = new Map<string, Row>();
  return {
    rows,
    async claim({ eventId }) {
      const row = rows.get(eventId);
      if (row && row.status !== 'released') return null;
      const attempts = (row?.attempts ?? 0) + 1;
      rows.set(eventId, { status: 'claimed', attempts });
      return attempts;
    },
    async finish(eventId, status, fields) {
      const row = rows.get(eventId);
      if (row?.status === 'claimed') rows.set(eventId, { ...row, status, reason: fields?.reason });
    },
    async billingContact(tenantId) { return contacts[tenantId] ?? null; },
  };
}

function fakeMailer(failures: unknown[] = []): Mailer & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    async send(email) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(email);
      return { messageId: `<m${sent.length}@test>` };
    },
  };
}

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'smtp error')), fields);

function setup(failures: unknown[] = [], contacts = { 't-1': { name: 'Acme', email: 'billing@acme.test' } }) {
  const store = fakeStore(contacts);
  const mailer = fakeMailer(failures);
  const deps: NotifyDeps = { store, mailer, from: 'Tenure <billing@tenure.test>', publicUrl: 'http://127.0.0.1:3000/', log: createLogger({ level: 'silent' }) };
  return { store, mailer, deps };
}

describe('notifyEvent: one event, at most one email', () => {
  it('sends the email to the billing address, then treats the same event id as a duplicate', async () => {
    const { mailer, deps, store } = setup();
    expect(await notifyEvent(deps, F.paymentFailed)).toMatchObject({ outcome: 'sent', template: 'payment_failed' });
    expect(await notifyEvent(deps, F.paymentFailed)).toEqual({ outcome: 'skipped', reason: 'duplicate' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: 'billing@acme.test', from: 'Tenure <billing@tenure.test>', headers: { 'X-Tenure-Event-Id': F.paymentFailed.id } });
    expect(mailer.sent[0]!.text).toContain('http://127.0.0.1:3000/billing');
    expect(store.rows.get(F.paymentFailed.id)?.status).toBe('sent');
  });

  it('skips a tenant without a billing email, and an unknown tenant, with the reason recorded', async () => {
    const { mailer, deps, store } = setup([], { 't-1': { name: 'Acme', email: '  ' } });
    expect(await notifyEvent(deps, F.trialExpired)).toEqual({ outcome: 'skipped', reason: 'no_billing_email' });
    expect(await notifyEvent(deps, { ...F.trialExpired, id: 'other:trial.expired:x', tenantId: 'nobody' })).toEqual({ outcome: 'skipped', reason: 'unknown_tenant' });
    expect(mailer.sent).toEqual([]);
    expect(store.rows.get(F.trialExpired.id)).toMatchObject({ status: 'skipped', reason: 'no_billing_email' });
  });

  it('releases the claim when the SMTP server was unreachable, so a later attempt sends the email once', async () => {
    const { mailer, deps, store } = setup([smtpError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1025' })]);
    expect((await notifyEvent(deps, F.usage100)).outcome).toBe('retry');
    expect(store.rows.get(F.usage100.id)?.status).toBe('released');
    expect(await notifyEvent(deps, F.usage100)).toMatchObject({ outcome: 'sent', template: 'usage_limit_reached' });
    expect(store.rows.get(F.usage100.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await notifyEvent(deps, F.usage100)).toEqual({ outcome: 'skipped', reason: 'duplicate' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('retries a 4xx answer (try later), but never a 5xx refusal', async () => {
    const { mailer, deps } = setup([smtpError({ code: 'EENVELOPE', responseCode: 451 }), smtpError({ code: 'EENVELOPE', responseCode: 550 })]);
    expect((await notifyEvent(deps, F.cancelled)).outcome).toBe('retry');
    expect(await notifyEvent(deps, F.cancelled)).toEqual({ outcome: 'failed', reason: 'rejected' });
    expect(await notifyEvent(deps, F.cancelled)).toEqual({ outcome: 'skipped', reason: 'duplicate' });
    expect(mailer.sent).toEqual([]);
  });

  it('gives up on a send whose outcome is unknown rather than risk a second email', async () => {
    const { mailer, deps, store } = setup([smtpError({ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT', message: 'Timeout' })]);
    expect(await notifyEvent(deps, F.lockedByDunning)).toEqual({ outcome: 'failed', reason: 'outcome_unknown' });
    expect(await notifyEvent(deps, F.lockedByDunning)).toEqual({ outcome: 'skipped', reason: 'duplicate' });
    expect(mailer.sent).toEqual([]);
    expect(store.rows.get(F.lockedByDunning.id)?.reason).toMatch(/^outcome_unknown: Timeout/);
  });

  it('records an event its template cannot render as skipped, and sends nothing', async () => {
    const { mailer, deps, store } = setup();
    const broken = { ...F.paymentFailed, id: 'broken', data: { invoiceId: 'in_1' } } as unknown as typeof F.paymentFailed;
    expect(await notifyEvent(deps, broken)).toEqual({ outcome: 'skipped', reason: 'invalid_event' });
    expect(mailer.sent).toEqual([]);
    expect(store.rows.get('broken')?.status).toBe('skipped');
  });

  it('releases the claim when the tenant lookup fails, so the retry still sends', async () => {
    const { mailer, deps, store } = setup();
    const lookup = store.billingContact;
    store.billingContact = async () => { throw new Error('connection terminated'); };
    expect((await notifyEvent(deps, F.trialEndingTomorrow)).outcome).toBe('retry');
    expect(store.rows.get(F.trialEndingTomorrow.id)?.status).toBe('released');
    store.billingContact = lookup;
    expect(await notifyEvent(deps, F.trialEndingTomorrow)).toMatchObject({ outcome: 'sent', template: 'trial_ending_soon' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('does not count a sent email as failed when recording it fails: the error surfaces, the replay is a duplicate', async () => {
    const { mailer, deps, store } = setup();
    const finish = store.finish;
    store.finish = async () => { throw new Error('connection terminated'); };
    await expect(notifyEvent(deps, F.usage80)).rejects.toThrow('connection terminated');
    store.finish = finish;
    expect(await notifyEvent(deps, F.usage80)).toEqual({ outcome: 'skipped', reason: 'duplicate' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('leaves a claim whose send never finished (a crash) in place: a replay sends nothing', async () => {
    const { mailer, deps, store } = setup();
    store.rows.set(F.trialEndingSoon.id, { status: 'claimed', attempts: 1 });
    expect(await notifyEvent(deps, F.trialEndingSoon)).toEqual({ outcome: 'skipped', reason: 'duplicate' });
    expect(mailer.sent).toEqual([]);
  });
});
