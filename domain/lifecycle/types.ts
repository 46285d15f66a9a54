// The lifecycle reducer's vocabulary: state, inputs and commands. Everything here is plain JSON so
// it survives Temporal's payload converter and continue-as-new unchanged.
import type { BillingEvent } from '../events.js';
import type { EntitlementOverride } from '../entitlements/overrides.js';
import type { LegacyLimits, StoredPlanSnapshot } from '../entitlements/legacy.js';
import type { BillingInterval, PlanSnapshot } from '../plans/types.js';

export interface LifecycleConfig {
  trialPeriodMs: number;
  /** Offsets before the trial end at which a reminder is published, e.g. [3d, 1d]. */
  trialRemindersMs: number[];
  /** Both counted from `pastDueSince` (the first unpaid failure). */
  dunningRestrictAfterMs: number;
  dunningLockAfterMs: number;
  /** Used when an admin lock names no duration; null locks until an explicit unlock. */
  defaultAdminLockMs: number | null;
}

import type { PaymentStatus, Period, TenantStatus } from './values.js';
import type { BillingContact, ContactAddress, TaxId } from './contact.js';

export type { BillingContact, ContactAddress, TaxId } from './contact.js';

export type { Access, PaymentStatus, Period, TenantStatus } from './values.js';

/** A subscription as Stripe last described it; `plan` is resolved by the caller from the price. */
export interface SubscriptionSnapshot {
  id: string;
  status: string;
  planId: string | null;
  plan: PlanSnapshot | null;
  priceId: string | null;
  /** How often the price bills (issue 13); absent in snapshots from before annual billing: monthly. */
  interval?: BillingInterval;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
}

export interface InvoiceSnapshot {
  id: string;
  subscriptionId: string | null;
  amountDue: number;
  attemptCount: number;
  /** Stripe's hosted invoice page, where the customer pays or authenticates (absent in events recorded before SCA). */
  hostedInvoiceUrl?: string | null;
}

export type StripeEventType =
  | 'subscription.updated'
  | 'subscription.deleted'
  | 'checkout.completed'
  | 'invoice.paid'
  | 'invoice.payment_failed'
  | 'invoice.payment_action_required'
  | 'subscription.trial_will_end';

export interface NormalizedStripeEvent {
  id: string;
  type: StripeEventType;
  /** Epoch ms (Stripe's `created` seconds × 1000). */
  created: number;
  objectId: string;
  customerId: string | null;
  subscription?: SubscriptionSnapshot;
  invoice?: InvoiceSnapshot;
}

/** A subscription snapshot as kept in state, with what only Tenure knows about it. */
export interface StoredSubscription extends SubscriptionSnapshot {
  customerId: string | null;
  cancelReason: string | null;
}

export interface SubscriptionState {
  id: string;
  customerId: string | null;
  status: string;
  planId: string | null;
  priceId: string | null;
  /** The billing interval of the price; absent in states from before annual billing (read as monthly). */
  interval?: BillingInterval;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  cancelAtPeriodEnd: boolean;
  cancelReason: string | null;
  canceledAt: number | null;
}

export interface PendingChange {
  plan: PlanSnapshot;
  effectiveAt: number;
  /** `migration`: a plan migration to another version of the same plan, at period end (its id in migrationId). */
  kind: 'downgrade' | 'migration';
  migrationId?: string;
  /** The Stripe subscription schedule that performs the change at period end, when there is one. */
  stripeScheduleId?: string;
}

export interface ObjectVersion {
  created: number;
  eventId: string;
}

/** Per subscription (or per invoice without one): what the tenant still owes. See dunning.ts. */
export interface DunningAccount {
  /** Newest `created` of an invoice.paid (or of the subscription's end) on this account. */
  settledAt: number | null;
  /** `created` of each payment failure newer than settledAt, ascending. */
  failures: number[];
}

/** An invoice waiting for the customer to authenticate the payment (3-D Secure), newest per dunning account. */
export interface PaymentAction {
  invoiceId: string;
  /** The invoice's hosted page, where the customer completes the authentication; null when Stripe gave none. */
  url: string | null;
  /** `created` of the invoice.payment_action_required event, and its id (the tie-break). */
  created: number;
  eventId: string;
}

/** An admin's request to close the account, and when it took effect. */
export interface Closure {
  reason: string;
  actor: string;
  effective: 'now' | 'period_end';
  requestedAt: number;
  /** When the account closes: the request time, or the subscription's period end. */
  closesAt: number;
  /** Set once closed; the lifecycle then ends. */
  closedAt: number | null;
}

export interface TenantState {
  tenantId: string;
  /** The billing contact: display name and billing email (set at registration, changed by updateContact). */
  name: string | null;
  email: string | null;
  /** The rest of the billing contact, as sent to the Stripe customer (contact.ts). */
  address: ContactAddress | null;
  taxId: TaxId | null;
  createdAt: number;
  /** +1 on every reduce that changes the projection; never decreases. */
  version: number;
  plan: PlanSnapshot;
  /** Kept so trial expiry and subscription end fall back without I/O. */
  freePlan: PlanSnapshot;
  status: TenantStatus;
  statusReason: string | null;
  suspendedAt: number | null;
  lockedAt: number | null;
  lockedUntil: number | null;
  paymentStatus: PaymentStatus;
  pastDueSince: number | null;
  trial: { startedAt: number; endsAt: number; remindersSent: number[] } | null;
  trialEndedAt: number | null;
  subscription: SubscriptionState | null;
  pendingChange: PendingChange | null;
  usagePeriod: Period;
  /** Day-of-month anchor of the usage periods: the billing cycle, else the creation time. */
  usageAnchor: number;
  /** Per-feature overrides above the plan, one per key, sorted by key; each may end at `until`. */
  overrides: EntitlementOverride[];
  /** Before entitlements: metric to limit. Read only by upgradeState, which turns it into overrides. */
  limitOverrides?: LegacyLimits;
  discount: { couponId: string; appliedAt: number } | null;
  /** Null until an admin closes the account (a state from before closing reads as null, see upgrade-state.ts). */
  closure: Closure | null;
  dunning: Record<string, DunningAccount>;
  /** Per dunning account: the newest payment awaiting authentication, until the account is settled (payment-action.ts). */
  paymentActions: Record<string, PaymentAction>;
  stripe: {
    customerId: string | null;
    /** The most recent applied event ids (bounded). */
    appliedEventIds: string[];
    /** Newest applied snapshot per Stripe object id. */
    objectVersions: Record<string, ObjectVersion>;
    /** Latest snapshot of every subscription seen, so the current one is chosen order-independently. */
    subscriptions: Record<string, StoredSubscription>;
  };
  config: LifecycleConfig;
}

export type AdminAction =
  | { type: 'suspend'; reason: string; actor: string }
  | { type: 'unsuspend'; reason?: string; actor: string }
  | { type: 'lock'; reason: string; actor: string; durationMs?: number | null }
  | { type: 'unlock'; reason?: string; actor: string }
  | { type: 'extendTrial'; byMs: number; actor: string }
  | { type: 'overrideLimits'; limits: Record<string, number | null>; actor: string; reason?: string }
  | { type: 'setOverride'; override: EntitlementOverride; actor: string }
  | { type: 'removeOverride'; key: string; actor: string; reason?: string }
  | { type: 'applyDiscount'; couponId: string; actor: string }
  | { type: 'close'; reason: string; actor: string; effective: 'now' | 'period_end' };

export type LifecycleInput =
  | { kind: 'stripe'; event: NormalizedStripeEvent }
  | { kind: 'admin'; action: AdminAction }
  | {
      kind: 'changePlan';
      plan: PlanSnapshot;
      direction: 'upgrade' | 'downgrade';
      gaugeUsage: Record<string, number>;
      subscription?: SubscriptionSnapshot;
      stripeScheduleId?: string;
      /** Stripe holds the upgrade until its invoice is paid: the plan moves on the webhook that follows. */
      paymentPending?: boolean;
      /** The interval of `plan.stripePriceId` (issue 13); absent: the subscription keeps its own. */
      interval?: BillingInterval;
    }
  | { kind: 'cancel'; reason: string | null }
  /** A plan migration: another version of the tenant's plan, now or at period end (plan-migration.ts). */
  | {
      kind: 'migratePlan';
      migrationId: string;
      plan: PlanSnapshot;
      effective: 'now' | 'period_end';
      gaugeUsage: Record<string, number>;
      /** Apply even when a gauge exceeds the new limits. */
      force: boolean;
      stripeScheduleId?: string;
    }
  | { kind: 'reactivate' }
  | { kind: 'cancelPendingChange' }
  /** The tenant's billing contact; `customerId` is the Stripe customer the workflow's activity updated. */
  | { kind: 'updateContact'; contact: BillingContact; customerId?: string }
  | { kind: 'tick' };

export type Command =
  | { type: 'persistProjection' }
  | { type: 'publishEvent'; event: BillingEvent }
  | { type: 'syncEnforcement' }
  | { type: 'resetUsage'; period: Period; nextPeriod: Period };

export interface Transition {
  state: TenantState;
  commands: Command[];
}

export interface InitialStateInput {
  tenantId: string;
  name?: string | null;
  email?: string | null;
  now: number;
  config: LifecycleConfig;
  /** Workflows started before entitlements pass snapshots with `limits`; initialState upgrades them. */
  trialPlan: StoredPlanSnapshot;
  freePlan: StoredPlanSnapshot;
  /** A tenant taken over from another system (`tenure backfill <file>`): it starts in this state, not a fresh trial. */
  imported?: ImportedTenant;
}

/**
 * Where an imported tenant's lifecycle starts. The service resolves the plan and reads the Stripe
 * subscription; the reducer turns them into the first state (see domain/lifecycle/imported-state.ts).
 */
export interface ImportedTenant {
  /** The plan the other system has the tenant on (its `planId`). */
  plan: PlanSnapshot;
  /** When the tenant was created there (ms); null: now. */
  createdAt: number | null;
  /** When its trial ends (ms); a time in the future starts a trial on `plan` ending then. */
  trialEndsAt: number | null;
  stripeCustomerId: string | null;
  /** The subscription as Stripe holds it at import, normalized as a customer.subscription.updated webhook is. */
  subscriptionEvent: NormalizedStripeEvent | null;
}

export interface SearchAttributes {
  TenantId: string;
  BillingPlan: string;
  PaymentStatus: PaymentStatus;
  TenantStatus: TenantStatus;
  TrialEndsAt: number | null;
}
