// The plans the lifecycle starts tenants on: a new tenant's trial runs on TRIAL_PLAN_ID, and it falls
// back to FREE_PLAN_ID when the trial or a subscription ends. The catalog itself is the operator's
// (/admin/plans, Stripe sync); the demo plans seeded in development are in db/seed/demo-plans.ts.

export const FREE_PLAN_ID = 'free';
export const TRIAL_PLAN_ID = 'starter';
