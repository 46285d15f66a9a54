import { isFeatureKey } from '../entitlements/features.js';

// The usage event product backends publish on `usage.events` (see docs/usage.md), and its validation.
export interface UsageEvent {
  /** Unique per event; the consumer applies each id once. */
  id: string;
  tenantId: string;
  /** A metered feature key; whether it is consumed is the catalog's business, checked when applied. */
  metric: string;
  amount: number;
  occurredAt: string;
}

export type ParsedUsageEvent = { ok: true; event: UsageEvent } | { ok: false; reason: string };

// Same rule as the API's TENANT_ID_PATTERN.
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const MAX_EVENT_AMOUNT = 1_000_000;

/** Parses and validates one message value; an invalid one says why, for the dead-letter topic. */
export function parseUsageEvent(value: string | null): ParsedUsageEvent {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty message' };
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not a JSON object' };
  return validateUsageEvent(raw as Record<string, unknown>);
}

function validateUsageEvent(r: Record<string, unknown>): ParsedUsageEvent {
  const { id, tenantId, metric, occurredAt } = r;
  const amount = r.amount ?? 1;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return { ok: false, reason: 'id must be a string of 1-200 characters' };
  if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId)) return { ok: false, reason: 'tenantId is missing or malformed' };
  if (!isFeatureKey(metric)) return { ok: false, reason: `metric ${String(metric)} is not a feature key` };
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > MAX_EVENT_AMOUNT) {
    return { ok: false, reason: `amount must be an integer from 1 to ${MAX_EVENT_AMOUNT}` };
  }
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) return { ok: false, reason: 'occurredAt must be an ISO-8601 date-time' };
  return { ok: true, event: { id, tenantId, metric, amount, occurredAt } };
}
