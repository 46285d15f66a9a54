import type { BillingEvent, BillingEventType } from '../events.js';

// The billing events a tenant hears about by email (docs/notifications.md), and the check a message
// from `billing.events` passes before the notifier acts on it.

export const NOTIFIED_EVENT_TYPES = [
  'payment.failed', 'trial.ending_soon', 'trial.expired', 'usage.threshold_crossed', 'tenant.locked', 'subscription.cancelled',
] as const satisfies readonly BillingEventType[];

export type NotifiedEventType = (typeof NOTIFIED_EVENT_TYPES)[number];
export type NotifiedEvent = BillingEvent<NotifiedEventType>;

export type ParsedNotifiedEvent =
  | { kind: 'notify'; event: NotifiedEvent }
  | { kind: 'ignore'; type: string }
  | { kind: 'invalid'; reason: string };

const NOTIFIED = new Set<string>(NOTIFIED_EVENT_TYPES);

/** True for the event types that send an email. */
export function isNotifiedType(type: string): type is NotifiedEventType {
  return NOTIFIED.has(type);
}

/** Parses one message value: a notified event, an event of another type (ignored), or why it is unusable. */
export function parseNotifiedEvent(value: string | null): ParsedNotifiedEvent {
  if (value === null || value.length === 0) return { kind: 'invalid', reason: 'empty message' };
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return { kind: 'invalid', reason: 'not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'invalid', reason: 'not a JSON object' };
  const { id, type, tenantId, occurredAt, data } = raw as Record<string, unknown>;
  if (typeof type !== 'string') return { kind: 'invalid', reason: 'type is missing' };
  if (!isNotifiedType(type)) return { kind: 'ignore', type };
  if (typeof id !== 'string' || id.length === 0) return { kind: 'invalid', reason: 'id is missing' };
  if (typeof tenantId !== 'string' || tenantId.length === 0) return { kind: 'invalid', reason: 'tenantId is missing' };
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) return { kind: 'invalid', reason: 'occurredAt is not a date-time' };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'invalid', reason: 'data is not an object' };
  return { kind: 'notify', event: raw as NotifiedEvent };
}
