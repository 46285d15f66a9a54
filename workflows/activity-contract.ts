import type { BillingEvent } from '../domain/events.js';
import type { BillingContact, TenantState } from '../domain/lifecycle/index.js';
import type { SkippedProduct } from '../domain/plans/stripe-reconcile.js';
import type { Entitlements } from '../domain/entitlements/entitlements.js';
import type { LegacyLimits } from '../domain/entitlements/legacy.js';

// The activities the workflows call, declared where they are called: activities/ implements this
// contract over services/, so the workflow code depends on nothing above it.

/** `entitlements`: the plan's; `limits` is what a workflow from before entitlements passes (a retried activity of a running one). */
export interface ResetUsageInput { tenantId: string; period: { start: number; end: number }; nextPeriod: { start: number; end: number }; entitlements?: Entitlements; limits?: LegacyLimits }
export interface ChangePriceInput { subscriptionId: string; priceId: string; planId: string; idempotencyKey: string }
export interface ScheduleChangeInput { subscriptionId: string; priceId: string; planId: string; idempotencyKey: string }
export interface ReleaseScheduleInput { scheduleId: string; idempotencyKey: string }
export interface CancelAtPeriodEndInput { subscriptionId: string; cancel: boolean; reason: string | null; releaseScheduleId?: string; idempotencyKey: string }
export interface CancelSubscriptionInput { subscriptionId: string; reason: string; idempotencyKey: string }
export interface ApplyCouponInput { subscriptionId: string; couponId: string; idempotencyKey: string }
/** `customerId`: the one the lifecycle knows; null lets the activity find or create the tenant's customer. */
export interface UpdateCustomerInput { tenantId: string; customerId: string | null; contact: BillingContact; idempotencyKey: string }
export interface SnapshotUsageResult { tenants: number; records: number; skipped: number; date: string }
export interface PlanSyncSummary { created: string[]; updated: string[]; unchanged: string[]; deactivated: string[]; skipped: SkippedProduct[] }

export interface BillingActivities extends WebhookActivities, PlanMigrationActivities {
  persistProjection(state: TenantState): Promise<{ written: boolean }>;
  publishEvents(events: BillingEvent[]): Promise<{ published: number }>;
  syncEnforcement(state: TenantState): Promise<{ written: boolean }>;
  resetUsage(input: ResetUsageInput): Promise<{ archived: number }>;
  /** `paymentPending`: Stripe holds the new price until its invoice is paid (pending_if_incomplete). */
  stripeChangePrice(input: ChangePriceInput): Promise<{ subscriptionId: string; status: string; paymentPending?: boolean }>;
  stripeScheduleChange(input: ScheduleChangeInput): Promise<{ scheduleId: string }>;
  stripeReleaseSchedule(input: ReleaseScheduleInput): Promise<{ released: boolean }>;
  stripeSetCancelAtPeriodEnd(input: CancelAtPeriodEndInput): Promise<{ subscriptionId: string; cancelAtPeriodEnd: boolean }>;
  stripeApplyCoupon(input: ApplyCouponInput): Promise<{ subscriptionId: string }>;
  /** The billing contact onto the Stripe customer (name, email, address, tax id); TAX_ID_INVALID when Stripe refuses the tax id. */
  stripeUpdateCustomer(input: UpdateCustomerInput): Promise<{ customerId: string }>;
  /** Ends the subscription now (closing an account); one already canceled counts as done. */
  stripeCancelSubscription(input: CancelSubscriptionInput): Promise<{ subscriptionId: string; status: string }>;
  snapshotUsage(input?: { at?: number }): Promise<SnapshotUsageResult>;
  syncPlansFromStripe(): Promise<PlanSyncSummary>;
  /** One page of the drift repair (services/stripe/reconcile-subscriptions.ts). */
  reconcileStripeSubscriptions(input: ReconcilePageInput): Promise<ReconcilePageResult>;
}

export interface ReconcilePageInput { afterTenantId: string | null; limit?: number; dryRun?: boolean }
/** What the workflow keeps of a page: counts, and where the next one starts (null: the last page). */
export interface ReconcilePageResult { checked: number; differences: { tenantId: string; fields: { field: string }[]; action: string }[]; failures: unknown[]; nextTenantId: string | null }

/** An event an endpoint is to receive: its place in billing_events and its id. */
export interface WebhookEventRef { seq: number; id: string }
/**
 * `events`: the next events the endpoint subscribes to, in seq order; `scannedTo`: the last seq read
 * (null when none); `waitMs`: set when rows exist that are too recent to deliver yet (WEBHOOK_SETTLE_LAG).
 */
export interface WebhookBatch { endpoint: 'enabled' | 'disabled' | 'gone'; events: WebhookEventRef[]; scannedTo: number | null; waitMs: number | null }
export interface NextWebhookEventsInput { endpointId: string; replay?: { afterSeq: number; untilSeq: number } }
export interface DeliverWebhookInput { endpointId: string; event: WebhookEventRef; replay: boolean }
export interface ReplayRangeInput { endpointId: string; since: string }

export interface WebhookActivities {
  nextWebhookEvents(input: NextWebhookEventsInput): Promise<WebhookBatch>;
  /** Resolves when the receiver answered 2xx (or the event needs no delivery any more); throws to be retried. */
  deliverWebhookEvent(input: DeliverWebhookInput): Promise<{ outcome: 'delivered' | 'already_delivered' | 'endpoint_gone' }>;
  /** Disables an endpoint whose retry window ran out for `eventId`, and records webhook_endpoint.disabled. */
  disableWebhookEndpoint(input: { endpointId: string; eventId: string }): Promise<{ disabled: boolean }>;
  webhookReplayRange(input: ReplayRangeInput): Promise<{ fromSeq: number; untilSeq: number } | null>;
}

/** After one batch of a plan migration: the migration's tenants by recorded outcome (pending ones left out), and how many are still pending. */
export interface MigrationBatchResult { outcomes: Record<string, number>; remaining: number }

export interface PlanMigrationActivities {
  /** Records the migration's tenants (once); returns how many it holds. */
  selectMigrationTenants(input: { migrationId: string }): Promise<{ total: number }>;
  /** Migrates (or, in a dry run, previews) the next `limit` pending tenants at the migration's rate. */
  runMigrationBatch(input: { migrationId: string; limit: number }): Promise<MigrationBatchResult>;
  setMigrationStatus(input: { migrationId: string; status: string }): Promise<void>;
}
