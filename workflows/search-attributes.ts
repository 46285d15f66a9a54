import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import { effectiveAccess, searchAttributesOf, type TenantState } from '../domain/lifecycle/index.js';
import type { Attention } from './messages.js';
import { SEARCH_ATTRIBUTE_KEYS } from './search-attribute-keys.js';

export { SEARCH_ATTRIBUTE_KEYS };

/** Upserts search attributes and memo when they differ from what was last upserted; returns the new fingerprint. */
export function upsertVisibility(state: TenantState, lastFingerprint: string | null): string {
  const sa = searchAttributesOf(state);
  const memo = { plan: state.plan.name, access: effectiveAccess(state), version: state.version, subscriptionId: state.subscription?.id ?? null };
  const fingerprint = JSON.stringify([sa, memo.plan, memo.access, memo.subscriptionId]);
  if (fingerprint === lastFingerprint) return fingerprint;
  const pairs: SearchAttributeUpdatePair[] = [
    { key: SEARCH_ATTRIBUTE_KEYS.TenantId, value: sa.TenantId },
    { key: SEARCH_ATTRIBUTE_KEYS.BillingPlan, value: sa.BillingPlan },
    { key: SEARCH_ATTRIBUTE_KEYS.PaymentStatus, value: sa.PaymentStatus },
    { key: SEARCH_ATTRIBUTE_KEYS.TenantStatus, value: sa.TenantStatus },
    { key: SEARCH_ATTRIBUTE_KEYS.TrialEndsAt, value: sa.TrialEndsAt == null ? null : new Date(sa.TrialEndsAt) },
  ];
  upsertSearchAttributes(pairs);
  upsertMemo(memo);
  return fingerprint;
}

/**
 * Sets NeedsAttention to the attention's reason, or removes it, when that differs from what was last
 * upserted; returns the reason now upserted. A lifecycle that never needed attention upserts nothing.
 */
export function upsertAttention(attention: Attention | null, lastReason: string | null): string | null {
  const reason = attention?.reason ?? null;
  if (reason === lastReason) return reason;
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTE_KEYS.NeedsAttention, value: reason }]);
  return reason;
}
