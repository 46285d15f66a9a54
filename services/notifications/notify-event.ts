import type { Logger } from '../../config/logger.js';
import type { BillingContact } from '../../db/queries/billing-contacts.js';
import type { NotifiedEvent } from '../../domain/notifications/notified-events.js';
import { NotificationDataError, renderNotification, type RenderedEmail } from '../../domain/notifications/render.js';
import { classifySendFailure, type SendFailure } from '../../domain/notifications/send-failure.js';
import type { Mailer } from './mailer.js';
import type { NotificationStore } from './notification-store.js';

// The notify use case (docs/notifications.md): one billing event, at most one email, to the tenant's
// billing address. The event id is claimed in `notification_sends` before the send, so a replayed
// event finds it taken and sends nothing. A notifier that dies between the claim and the send leaves
// the claim behind: that email is lost, never sent twice. An attempt that certainly sent nothing
// (the SMTP server was unreachable or answered 4xx) releases the claim and is retried by the caller.

export interface NotifyDeps { store: NotificationStore; mailer: Mailer; from: string; publicUrl: string; log: Logger }

export type SkipReason = 'duplicate' | 'unknown_tenant' | 'no_billing_email' | 'invalid_event';
export type NotifyOutcome =
  | { outcome: 'sent'; template: string; messageId: string }
  | { outcome: 'skipped'; reason: SkipReason }
  | { outcome: 'failed'; reason: 'rejected' | 'outcome_unknown' }
  /** Nothing was sent and the id is free again: the caller tries the event again later. */
  | { outcome: 'retry'; error: Error };

/** Sends the event's email unless its id was claimed before; never sends one event twice. */
export async function notifyEvent(deps: NotifyDeps, event: NotifiedEvent): Promise<NotifyOutcome> {
  const at = { eventId: event.id, tenantId: event.tenantId, type: event.type };
  const attempt = await deps.store.claim({ eventId: event.id, tenantId: event.tenantId, eventType: event.type });
  if (attempt === null) {
    deps.log.info(at, 'notification skipped: this event was notified before');
    return { outcome: 'skipped', reason: 'duplicate' };
  }
  let contact: BillingContact | null;
  try {
    contact = await deps.store.billingContact(event.tenantId);
  } catch (caught) {
    // Nothing was sent: free the id (if Postgres lets us) so the retry is not taken for a duplicate.
    const error = caught instanceof Error ? caught : new Error(String(caught));
    await deps.store.finish(event.id, 'released', { reason: `lookup failed: ${error.message}`.slice(0, 500) }).catch(() => undefined);
    deps.log.warn({ ...at, err: { message: error.message } }, 'tenant lookup failed; will retry');
    return { outcome: 'retry', error };
  }
  const prepared = prepare(event, contact, deps.publicUrl);
  if ('reason' in prepared) {
    await deps.store.finish(event.id, 'skipped', { reason: prepared.reason });
    deps.log.warn({ ...at, reason: prepared.reason, detail: prepared.detail }, 'notification skipped');
    return { outcome: 'skipped', reason: prepared.reason };
  }
  return send(deps, event, prepared, attempt);
}

type Prepared = { to: string; email: RenderedEmail } | { reason: SkipReason; detail: string };

function prepare(event: NotifiedEvent, contact: BillingContact | null, publicUrl: string): Prepared {
  if (contact === null) return { reason: 'unknown_tenant', detail: 'no such tenant in the projection' };
  const to = contact.email?.trim() ?? '';
  if (to === '') return { reason: 'no_billing_email', detail: 'the tenant has no billing email' };
  try {
    const billingUrl = `${publicUrl.replace(/\/+$/, '')}/billing`;
    return { to, email: renderNotification(event, { tenantName: contact.name?.trim() || event.tenantId, billingUrl }) };
  } catch (err) {
    if (err instanceof NotificationDataError) return { reason: 'invalid_event', detail: err.message };
    throw err;
  }
}

async function send(deps: NotifyDeps, event: NotifiedEvent, { to, email }: { to: string; email: RenderedEmail }, attempt: number): Promise<NotifyOutcome> {
  const at = { eventId: event.id, tenantId: event.tenantId, type: event.type, template: email.template, attempt };
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({ from: deps.from, to, subject: email.subject, text: email.text, html: email.html, headers: { 'X-Tenure-Event-Id': event.id } }));
  } catch (caught) {
    return recordFailure(deps, event.id, { to, template: email.template }, caught, at);
  }
  // Sent: should this write fail, the claim stays and a retry finds a duplicate (still one email).
  await deps.store.finish(event.id, 'sent', { template: email.template, recipient: to, messageId });
  deps.log.info({ ...at, messageId }, 'notification sent');
  return { outcome: 'sent', template: email.template, messageId };
}

async function recordFailure(deps: NotifyDeps, eventId: string, mail: { to: string; template: string }, caught: unknown, at: Record<string, unknown>): Promise<NotifyOutcome> {
  const err = caught instanceof Error ? caught : new Error(String(caught));
  const kind = classifySendFailure(err as SendFailure);
  const reason = kind === 'retry' ? 'released' : kind === 'rejected' ? 'rejected' : 'outcome_unknown';
  await deps.store.finish(eventId, kind === 'retry' ? 'released' : 'failed', { template: mail.template, recipient: mail.to, reason: `${reason}: ${err.message}`.slice(0, 500) });
  deps.log.warn({ ...at, err: { message: err.message, code: (err as SendFailure).code } }, kind === 'retry' ? 'notification not sent; will retry' : 'notification failed');
  return kind === 'retry' ? { outcome: 'retry', error: err } : { outcome: 'failed', reason: kind === 'rejected' ? 'rejected' : 'outcome_unknown' };
}
