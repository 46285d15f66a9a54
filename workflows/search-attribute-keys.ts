import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// The lifecycle's search attributes (ARCHITECTURE.md section 3), defined once for the workflow that
// upserts them and the clients that set them at start: operators filter on `PaymentStatus='past_due'`.
export const SEARCH_ATTRIBUTE_KEYS = {
  TenantId: defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD),
  BillingPlan: defineSearchAttributeKey('BillingPlan', SearchAttributeType.KEYWORD),
  PaymentStatus: defineSearchAttributeKey('PaymentStatus', SearchAttributeType.KEYWORD),
  TenantStatus: defineSearchAttributeKey('TenantStatus', SearchAttributeType.KEYWORD),
  TrialEndsAt: defineSearchAttributeKey('TrialEndsAt', SearchAttributeType.DATETIME),
  /** Set while a side effect failed for good and waits for `repair` (value: `<activity>: <code>`). */
  NeedsAttention: defineSearchAttributeKey('NeedsAttention', SearchAttributeType.KEYWORD),
};
