// The tenant lifecycle as a pure reducer (ARCHITECTURE.md section 3). The workflow interprets it:
// take an input, reduce, run the commands, wait until an input arrives or nextDeadline(state).
export type {
  Access, AdminAction, BillingContact, Command, ContactAddress, ImportedTenant, InitialStateInput, InvoiceSnapshot, LifecycleConfig, LifecycleInput,
  NormalizedStripeEvent, PaymentStatus, PendingChange, Period, SearchAttributes, StripeEventType,
  SubscriptionSnapshot, SubscriptionState, TaxId, TenantState, TenantStatus, Transition,
} from './types.js';
export { paymentActionUrl } from './payment-action.js';
export { initialState } from './initial-state.js';
export { reduce } from './reduce.js';
export { upgradeState, type StoredTenantState } from './upgrade-state.js';
export { CURRENT_RULES, validate, type ValidationRules } from './validate.js';
export { MAX_ADMIN_DURATION_MS, MAX_LIMIT, MAX_TIMESTAMP_MS } from '../bounds.js';
export { nextDeadline } from './deadlines.js';
export { withoutInterval } from './interval-patch.js';
export { accessWarning, effectiveAccess, effectiveEntitlements, hasLiveSubscription, searchAttributesOf, subscriptionInterval } from './access.js';
export { addMonthsClamped, periodContaining } from './periods.js';
export { isNewer } from './subscription-store.js';
export {
  DEFAULT_PREVIEW_MAX_STEPS, lifecycleView, previewTimeline,
  type LifecycleView, type Preview, type PreviewEvent, type PreviewOptions, type PreviewStep, type ScriptedInput,
} from './preview.js';
export { MAX_TRANSITION_TICKS, nextTransition, type NextTransition } from './next-transition.js';
