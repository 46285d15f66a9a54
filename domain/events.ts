// The billing event catalog (ARCHITECTURE.md section 7). Envelope version 1; ids are deterministic.

export const EVENT_TYPES = [
  'tenant.created',
  'trial.ending_soon', 'trial.expired', 'trial.extended',
  'subscription.created', 'subscription.upgraded', 'subscription.downgrade_scheduled',
  'subscription.downgrade_cancelled', 'subscription.downgraded', 'subscription.cancelled',
  'subscription.reactivated', 'subscription.ended',
  'payment.failed', 'payment.restored',
  'tenant.payment_status.changed', 'tenant.restricted', 'tenant.locked', 'tenant.restored',
  'tenant.suspended', 'tenant.unsuspended', 'tenant.unlocked', 'tenant.limits_overridden', 'tenant.discount_applied',
  'usage.threshold_crossed', 'usage.monthly_summary',
] as const;
export type BillingEventType = (typeof EVENT_TYPES)[number];

export interface BillingEvent<T extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  type: BillingEventType;
  version: 1;
  tenantId: string;
  occurredAt: string;
  data: T;
}

/** Builds an envelope whose id is a pure function of tenant, type and a caller-chosen discriminator. */
export function billingEvent(tenantId: string, type: BillingEventType, discriminator: string, occurredAtMs: number, data: Record<string, unknown>): BillingEvent {
  return { id: `${tenantId}:${type}:${discriminator}`, type, version: 1, tenantId, occurredAt: new Date(occurredAtMs).toISOString(), data };
}
