// Payloads of an account's end (issue 17): closing (emitted by domain/lifecycle/closure.ts) and the
// erasure of its personal data afterwards (emitted by services/admin/erase-tenant.ts).
import { count, epochMs, nullableText, objectSchema, oneOfValues, text } from './json-schema.js';

export type TenantClosedData = {
  reason: string;
  actor: string;
  effective: 'now' | 'period_end';
  requestedAt: number;
  /** The subscription the closing cancelled (or that had ended); null when there was none. */
  subscriptionId: string | null;
  planId: string;
};

export type TenantErasedData = {
  actor: string;
  /** How many personal values were removed from the projection row (its columns and its state). */
  projectionValuesRemoved: number;
  /** How many from audit payloads (billing events and admin audit rows). */
  auditValuesRemoved: number;
};

export const tenantClosedSchema = objectSchema<TenantClosedData>({
  reason: text('Why, as the operator gave it'),
  actor: text('Who did it: the admin user, as authenticated'),
  effective: oneOfValues(['now', 'period_end'], '`now`: the subscription was cancelled at once; `period_end`: it ran to the end of its period'),
  requestedAt: epochMs('When the operator asked for the closing (the event\'s occurredAt is when it took effect)'),
  subscriptionId: nullableText('The subscription that ended with the account; null when there was none'),
  planId: text('The plan the tenant was on once closed (the free plan when a subscription ended)'),
});

export const tenantErasedSchema = objectSchema<TenantErasedData>({
  actor: text('Who did it: the admin user, as authenticated'),
  projectionValuesRemoved: count('Personal values (names, emails, addresses) removed from the projection row; ids and amounts are kept'),
  auditValuesRemoved: count('How many values were removed from audit payloads (billing events and admin audit rows)'),
});
