import type { BillingEvent } from '../domain/events.js';
import type { TenantState } from '../domain/lifecycle/index.js';
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
export interface ApplyCouponInput { subscriptionId: string; couponId: string; idempotencyKey: string }
export interface SnapshotUsageResult { tenants: number; records: number; skipped: number; date: string }
export interface PlanSyncSummary { created: string[]; updated: string[]; unchanged: string[]; deactivated: string[]; skipped: SkippedProduct[] }

export interface BillingActivities {
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
  snapshotUsage(input?: { at?: number }): Promise<SnapshotUsageResult>;
  syncPlansFromStripe(): Promise<PlanSyncSummary>;
}
