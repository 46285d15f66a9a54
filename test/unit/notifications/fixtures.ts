import { billingEvent } from '../../../domain/events.js';
import type { NotifiedEvent } from '../../../domain/notifications/notified-events.js';

// One realistic event of each notified type (and both variants where a type has two).
const T = Date.UTC(2026, 11, 1, 9, 30);
const DAY = 86_400_000;

export const NOTIFIED_FIXTURES = {
  paymentFailed: billingEvent('t-1', 'payment.failed', 'in_1:1', T, { invoiceId: 'in_1', subscriptionId: 'sub_1', amountDue: 9_900, attemptCount: 2 }),
  trialEndingSoon: billingEvent('t-1', 'trial.ending_soon', '3d', T, { source: 'trial', endsAt: T + 3 * DAY, msLeft: 3 * DAY, daysLeft: 3, reminderMs: 3 * DAY }),
  trialEndingTomorrow: billingEvent('t-1', 'trial.ending_soon', '1d', T, { source: 'stripe', subscriptionId: 'sub_1', endsAt: T + DAY, msLeft: DAY, daysLeft: 1 }),
  trialExpired: billingEvent('t-1', 'trial.expired', 'trial', T, { startedAt: T - 14 * DAY, endedAt: T, planId: 'free' }),
  usage80: billingEvent('t-1', 'usage.threshold_crossed', 'seats:80', T, { metric: 'seats', threshold: 80, used: 8, limit: 10, periodStart: new Date(T - DAY).toISOString() }),
  usage100: billingEvent('t-1', 'usage.threshold_crossed', 'seats:100', T, { metric: 'seats', threshold: 100, used: 10, limit: 10, periodStart: new Date(T - DAY).toISOString() }),
  lockedByDunning: billingEvent('t-1', 'tenant.locked', 'dunning', T, { source: 'dunning', pastDueSince: T - 14 * DAY, reason: 'payment overdue' }),
  lockedByAdmin: billingEvent('t-1', 'tenant.locked', 'admin', T, { source: 'admin', reason: 'abuse report', actor: 'ops@example.com', lockedUntil: T + DAY }),
  cancelled: billingEvent('t-1', 'subscription.cancelled', 'sub_1', T, { subscriptionId: 'sub_1', reason: 'too expensive', cancelAt: T + 10 * DAY }),
} satisfies Record<string, NotifiedEvent>;

export const CTX = { tenantName: 'Acme', billingUrl: 'http://127.0.0.1:3000/billing' };
