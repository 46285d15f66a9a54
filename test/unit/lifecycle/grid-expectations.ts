// Expected outcome of every golden-grid cell, by input (row) and fixture (column).
//   '='                       nothing changes: same version, no commands
//   '!CODE'                   validate() rejects with CODE, and reduce() ignores the input
//   'status pay plan access | tokens'   the final summary (or 'same') and, in command order, the
//                             published event types plus 'reset' for a usage reset
// `others` covers every fixture a row does not name.
export type Row = Record<string, string> & { others?: string };

const UP = 'subscription.upgraded';
const created = (plan: string): string => `active active ${plan} full | reset subscription.created`;
const failed = (first: string): string => `${first} | payment.failed tenant.payment_status.changed`;

const SAME_PLAN_SNAPSHOT: Row = { trialing: created('growth'), cancelling: 'same | subscription.reactivated', free: created('growth'), others: '=' };
const CANCELLED: Row = {
  trialing: `${created('growth')} subscription.cancelled`,
  cancelling: '=',
  'downgrade-pending': 'same | subscription.cancelled subscription.downgrade_cancelled',
  free: `${created('growth')} subscription.cancelled`,
  others: 'same | subscription.cancelled',
};
const ENDED: Row = {
  past_due: 'active active free full | subscription.ended tenant.payment_status.changed',
  restricted: 'active active free full | subscription.ended tenant.payment_status.changed tenant.restored',
  'payment-locked': 'active active free full | subscription.ended tenant.payment_status.changed tenant.restored',
  'admin-locked': 'locked active free none | subscription.ended',
  suspended: 'suspended active free none | subscription.ended',
  'downgrade-pending': 'active active free full | subscription.ended subscription.downgrade_cancelled',
  others: 'active active free full | subscription.ended',
};
const PAYMENT_FAILED: Row = {
  trialing: failed('active past_due starter full'),
  past_due: 'same | payment.failed',
  restricted: 'same | payment.failed',
  'payment-locked': 'same | payment.failed',
  'admin-locked': failed('locked past_due growth none'),
  suspended: failed('suspended past_due growth none'),
  free: failed('active past_due free full'),
  others: failed('active past_due growth full'),
};

// Authentication required (3-D Secure): dunning moves as for a failure, with its own event and cause.
const ACTION = 'payment.action_required';
const ACTION_REQUIRED: Row = {
  trialing: `active past_due starter full | ${ACTION} tenant.payment_status.changed`,
  past_due: `same | ${ACTION}`,
  restricted: `same | ${ACTION}`,
  'payment-locked': `same | ${ACTION}`,
  'admin-locked': `locked past_due growth none | ${ACTION} tenant.payment_status.changed`,
  suspended: `suspended past_due growth none | ${ACTION} tenant.payment_status.changed`,
  free: `active past_due free full | ${ACTION} tenant.payment_status.changed`,
  others: `active past_due growth full | ${ACTION} tenant.payment_status.changed`,
};
const RESTORED = 'payment.restored tenant.payment_status.changed';
/** The payment settles the whole account (sub_1), including the fixture's own failure. */
const ACTION_THEN_PAID: Row = {
  trialing: `same | ${ACTION} tenant.payment_status.changed ${RESTORED}`,
  past_due: `active active growth full | ${ACTION} ${RESTORED}`,
  restricted: `active active growth full | ${ACTION} ${RESTORED} tenant.restored`,
  'payment-locked': `active active growth full | ${ACTION} ${RESTORED} tenant.restored`,
  'admin-locked': `same | ${ACTION} tenant.payment_status.changed ${RESTORED}`,
  suspended: `same | ${ACTION} tenant.payment_status.changed ${RESTORED}`,
  free: `same | ${ACTION} tenant.payment_status.changed ${RESTORED}`,
  others: `same | ${ACTION} tenant.payment_status.changed ${RESTORED}`,
};
/** A payment_action_required older than the payment that settled it changes nothing. */
const PAID_THEN_LATE_ACTION: Row = {
  past_due: `active active growth full | ${RESTORED}`,
  restricted: `active active growth full | ${RESTORED} tenant.restored`,
  'payment-locked': `active active growth full | ${RESTORED} tenant.restored`,
  trialing: 'same |',
  free: 'same |',
  others: '=',
};

export const STRIPE_ROWS: Record<string, Row> = {
  'sub.updated same plan': SAME_PLAN_SNAPSHOT,
  'sub.updated upgrade': {
    trialing: created('enterprise-acme'),
    'active-paid': `active active enterprise-acme full | ${UP}`,
    past_due: `active past_due enterprise-acme full | ${UP}`,
    restricted: `active restricted enterprise-acme read_only | ${UP}`,
    'payment-locked': `active locked enterprise-acme none | ${UP}`,
    'admin-locked': `locked active enterprise-acme none | ${UP}`,
    suspended: `suspended active enterprise-acme none | ${UP}`,
    cancelling: `active active enterprise-acme full | ${UP} subscription.reactivated`,
    'downgrade-pending': `active active enterprise-acme full | ${UP} subscription.downgrade_cancelled`,
    free: created('enterprise-acme'),
  },
  'sub.updated cancel_at_period_end': CANCELLED,
  'sub.deleted': ENDED,
  'checkout.completed': SAME_PLAN_SNAPSHOT,
  'invoice.paid': {
    past_due: 'active active growth full | payment.restored tenant.payment_status.changed',
    restricted: 'active active growth full | payment.restored tenant.payment_status.changed tenant.restored',
    'payment-locked': 'active active growth full | payment.restored tenant.payment_status.changed tenant.restored',
    // Nothing owed, but the tenant's Stripe customer is learnt (a projected field, so a new version).
    trialing: 'same |',
    free: 'same |',
    others: '=',
  },
  'invoice.payment_failed': PAYMENT_FAILED,
  'invoice.payment_action_required': ACTION_REQUIRED,
  'payment_action_required, then invoice.paid': ACTION_THEN_PAID,
  'invoice.paid, then a late payment_action_required': PAID_THEN_LATE_ACTION,
  'trial_will_end (no Stripe trial)': { trialing: 'same |', free: 'same |', others: '=' },
  'trial_will_end after a trialing snapshot': {
    trialing: `${created('growth')} trial.ending_soon`,
    cancelling: 'same | subscription.reactivated trial.ending_soon',
    free: `${created('growth')} trial.ending_soon`,
    others: 'same | trial.ending_soon',
  },
  'duplicate payment_failed': PAYMENT_FAILED,
  'reverse order (newer cancel, then older snapshot)': CANCELLED,
  'stale update after deletion': ENDED,
};

const ADMIN_BLOCKED = { 'admin-locked': '!INVALID_TRANSITION', suspended: '!INVALID_TRANSITION' };

export const ADMIN_ROWS: Record<string, Row> = {
  suspend: {
    ...ADMIN_BLOCKED,
    trialing: 'suspended active starter none | tenant.suspended',
    past_due: 'suspended past_due growth none | tenant.suspended',
    restricted: 'suspended restricted growth none | tenant.suspended',
    'payment-locked': 'suspended locked growth none | tenant.suspended',
    free: 'suspended active free none | tenant.suspended',
    others: 'suspended active growth none | tenant.suspended',
  },
  unsuspend: { suspended: 'active active growth full | tenant.unsuspended', others: '!INVALID_TRANSITION' },
  lock: {
    ...ADMIN_BLOCKED,
    trialing: 'locked active starter none | tenant.locked',
    past_due: 'locked past_due growth none | tenant.locked',
    restricted: 'locked restricted growth none | tenant.locked',
    'payment-locked': 'locked locked growth none | tenant.locked',
    free: 'locked active free none | tenant.locked',
    others: 'locked active growth none | tenant.locked',
  },
  unlock: { 'admin-locked': 'active active growth full | tenant.unlocked', others: '!INVALID_TRANSITION' },
  'lock then unlock': {
    'admin-locked': 'active active growth full | tenant.unlocked',
    suspended: '=',
    // The admin lock is lifted but the payment lock still denies access.
    'payment-locked': 'active locked growth none | tenant.locked tenant.unlocked',
    others: 'same | tenant.locked tenant.unlocked',
  },
  extendTrial: { trialing: 'same | trial.extended', others: '!INVALID_TRANSITION' },
  overrideLimits: { others: 'same | tenant.limits_overridden' },
  applyDiscount: { others: 'same | tenant.discount_applied' },
  // Closing ends the subscription (and the debt with it, as any subscription end does); final: access none.
  'close now': {
    trialing: 'closed active starter none | tenant.closed',
    past_due: 'closed active free none | subscription.ended tenant.payment_status.changed tenant.closed',
    restricted: 'closed active free none | subscription.ended tenant.payment_status.changed tenant.restored tenant.closed',
    'payment-locked': 'closed active free none | subscription.ended tenant.payment_status.changed tenant.restored tenant.closed',
    'downgrade-pending': 'closed active free none | subscription.ended subscription.downgrade_cancelled tenant.closed',
    free: 'closed active free none | tenant.closed',
    others: 'closed active free none | subscription.ended tenant.closed',
  },
  // With a live subscription the account stays as it is until the period ends; without one it closes now.
  'close at period end': {
    trialing: 'closed active starter none | tenant.closed',
    free: 'closed active free none | tenant.closed',
    cancelling: 'same | ',
    'downgrade-pending': 'same | subscription.cancelled subscription.downgrade_cancelled',
    others: 'same | subscription.cancelled',
  },
};

const NO_DOWNGRADE = { trialing: '!SAME_PLAN', cancelling: '!INVALID_TRANSITION', 'downgrade-pending': '!SAME_PLAN', free: '!VALIDATION_FAILED' };

export const PLAN_ROWS: Record<string, Row> = {
  // Issue 13: another version of growth; a tenant on another plan refuses it.
  'migrate growth to version 2 now': { trialing: '!INVALID_TRANSITION', free: '!INVALID_TRANSITION', others: 'same | subscription.migrated' },
  'migrate growth to version 2 at period end': {
    trialing: '!INVALID_TRANSITION', free: '!INVALID_TRANSITION', 'downgrade-pending': '!INVALID_TRANSITION', others: 'same | subscription.migrated',
  },
  'upgrade to enterprise': {
    past_due: `active past_due enterprise-acme full | ${UP}`,
    restricted: `active restricted enterprise-acme read_only | ${UP}`,
    'payment-locked': `active locked enterprise-acme none | ${UP}`,
    'admin-locked': `locked active enterprise-acme none | ${UP}`,
    suspended: `suspended active enterprise-acme none | ${UP}`,
    cancelling: '!INVALID_TRANSITION',
    'downgrade-pending': `active active enterprise-acme full | ${UP} subscription.downgrade_cancelled`,
    // Issue 10, item 9: no upgrade without a live subscription (a trial or free tenant goes through checkout).
    trialing: '!NO_SUBSCRIPTION',
    free: '!NO_SUBSCRIPTION',
    others: `active active enterprise-acme full | ${UP}`,
  },
  'downgrade to starter': { ...NO_DOWNGRADE, others: 'same | subscription.downgrade_scheduled' },
  'downgrade to starter over usage': { ...NO_DOWNGRADE, others: '!DOWNGRADE_BLOCKED_BY_USAGE' },
  'downgrade to free': {
    trialing: '!NO_SUBSCRIPTION',
    cancelling: '!INVALID_TRANSITION',
    free: '!SAME_PLAN',
    others: 'same | subscription.downgrade_scheduled',
  },
  cancel: {
    trialing: '!NO_SUBSCRIPTION',
    free: '!NO_SUBSCRIPTION',
    cancelling: '!INVALID_TRANSITION',
    'downgrade-pending': 'same | subscription.cancelled subscription.downgrade_cancelled',
    others: 'same | subscription.cancelled',
  },
  reactivate: { trialing: '!NO_SUBSCRIPTION', free: '!NO_SUBSCRIPTION', cancelling: 'same | subscription.reactivated', others: '!INVALID_TRANSITION' },
  cancelPendingChange: { 'downgrade-pending': 'same | subscription.downgrade_cancelled', others: '!NO_PENDING_CHANGE' },
  // The billing contact moves no status, plan or access, whatever the state.
  updateContact: { others: 'same | tenant.contact_updated' },
  'updateContact with a bad country': { others: '!VALIDATION_FAILED' },
};

const TO_RESTRICTED = 'active restricted growth read_only | tenant.payment_status.changed tenant.restricted';
const TO_LOCKED = 'active locked growth none | tenant.payment_status.changed tenant.locked';
const AUTO_UNLOCKED = 'active active growth full | tenant.unlocked';

export const TICK_ROWS: Record<string, Row> = {
  'tick now': { others: '=' },
  'tick +2d': { 'admin-locked': AUTO_UNLOCKED, others: '=' },
  'tick +7d': { past_due: TO_RESTRICTED, restricted: TO_LOCKED, 'admin-locked': AUTO_UNLOCKED, others: '=' },
  'tick +10d': { trialing: 'same | trial.ending_soon', past_due: TO_RESTRICTED, restricted: TO_LOCKED, 'admin-locked': AUTO_UNLOCKED, others: '=' },
  'tick +13d': { trialing: 'active active free full | trial.expired', past_due: TO_RESTRICTED, restricted: TO_LOCKED, 'admin-locked': AUTO_UNLOCKED, others: '=' },
  'tick +31d': {
    trialing: 'active active free full | reset trial.expired',
    // Waking past two deadlines applies both, in order (restricted at +7d, then locked at +14d).
    past_due: 'active locked growth none | reset tenant.payment_status.changed tenant.restricted tenant.payment_status.changed tenant.locked',
    restricted: 'active locked growth none | reset tenant.payment_status.changed tenant.locked',
    'admin-locked': 'active active growth full | reset tenant.unlocked',
    'downgrade-pending': 'active active starter full | reset subscription.downgraded',
    others: 'same | reset',
  },
};

// An override never moves status, payment status, plan or access: every cell but the late tick is 'same'.
const SET = 'entitlement.overridden';
const EXPIRED = 'entitlement.override_expired';
const OVERRIDE_SET: Row = { others: `same | ${SET}` };
const OVERRIDE_EXPIRED: Row = { others: `same | ${SET} ${EXPIRED}` };

export const OVERRIDE_ROWS: Record<string, Row> = {
  'setOverride boolean': OVERRIDE_SET,
  'setOverride boolean until': OVERRIDE_SET,
  'setOverride metered': OVERRIDE_SET,
  'setOverride metered until': OVERRIDE_SET,
  'override until, tick just before': OVERRIDE_SET,
  'override until, tick at until': OVERRIDE_EXPIRED,
  'override until, ticks before and at until': OVERRIDE_EXPIRED,
  // The override's `until` is every fixture's first missed deadline: it expires first, then the rest in order.
  'override until, late tick +31d': {
    trialing: `active active free full | ${SET} reset ${EXPIRED} trial.expired`,
    past_due: `active locked growth none | ${SET} reset ${EXPIRED} tenant.payment_status.changed tenant.restricted tenant.payment_status.changed tenant.locked`,
    restricted: `active locked growth none | ${SET} reset ${EXPIRED} tenant.payment_status.changed tenant.locked`,
    'admin-locked': `active active growth full | ${SET} reset ${EXPIRED} tenant.unlocked`,
    'downgrade-pending': `active active starter full | ${SET} reset ${EXPIRED} subscription.downgraded`,
    others: `same | ${SET} reset ${EXPIRED}`,
  },
  removeOverride: { others: `same | ${SET} entitlement.override_removed` },
  'removeOverride of a key without one': { others: '!NOT_FOUND' },
};
