// The what-if preview's scripted inputs as a caller writes them (POST /admin/tenants/:id/preview,
// `tenure tenants preview`), turned into the reducer's inputs. Pure: the plans a change names and
// the gauge usage a downgrade is checked against are looked up by the caller and passed in.
import { TenureError } from '../errors.js';
import { parseDuration } from '../durations.js';
import type { PlanSnapshot } from '../plans/types.js';
import type { ScriptedInput } from './preview.js';
import type { LifecycleInput, NormalizedStripeEvent, TenantState } from './types.js';

export const PREVIEW_INPUT_TYPES = [
  'payment_failed', 'payment_succeeded', 'upgrade', 'downgrade', 'cancel', 'reactivate', 'cancel_pending_change',
  'suspend', 'unsuspend', 'lock', 'unlock', 'extend_trial',
] as const;
export type PreviewInputType = (typeof PREVIEW_INPUT_TYPES)[number];

/** The longest a preview may look ahead, and how far ahead an input may be scripted. */
export const MAX_PREVIEW_MS = 400 * 86_400_000;
export const MAX_PREVIEW_INPUTS = 50;

export interface PreviewInputRequest {
  type: PreviewInputType;
  /** When: an ISO date-time, or `after` (a duration from now, e.g. `3d`); now when neither is given. */
  at?: string;
  after?: string;
  /** upgrade and downgrade: the target plan. */
  planId?: string;
  /** cancel, suspend, lock: why (shown in the events). */
  reason?: string;
  /** extend_trial: by how long, e.g. `7d`. lock: for how long (optional). */
  duration?: string;
}

/** What a preview needs besides the requests: the clock, the plans named, the tenant's gauge usage. */
export interface PreviewInputContext {
  now: number;
  plans: ReadonlyMap<string, PlanSnapshot>;
  gaugeUsage: Record<string, number>;
  actor: string;
}

const invalid = (index: number, message: string, field: string): TenureError =>
  new TenureError('VALIDATION_FAILED', `invalid body: inputs[${index}] ${message}`, { field: `inputs[${index}].${field}` });

/** A duration within the preview window, from text such as `3d` or `1h30m`; `field` names it in the error. */
export function previewDuration(text: string, what: string): number {
  let ms: number;
  try { ms = parseDuration(text); } catch (err) { throw new TenureError('VALIDATION_FAILED', `invalid body: ${what}: ${(err as Error).message}`, { field: what }); }
  if (ms > MAX_PREVIEW_MS) throw new TenureError('VALIDATION_FAILED', `invalid body: ${what} is more than 400d`, { field: what, maxMs: MAX_PREVIEW_MS });
  return ms;
}

/** The preview's end: an ISO date-time or a duration from now, at most 400 days ahead and not before now. */
export function previewUntil(until: string, now: number): number {
  const at = /^\d{4}-/.test(until) ? Date.parse(until) : now + previewDuration(until, 'until');
  if (!Number.isFinite(at)) throw new TenureError('VALIDATION_FAILED', `invalid body: until must be an ISO date-time or a duration such as 30d, got ${until}`, { field: 'until' });
  if (at < now || at > now + MAX_PREVIEW_MS) throw new TenureError('VALIDATION_FAILED', 'invalid body: until must be between now and 400 days from now', { field: 'until' });
  return at;
}

function inputTime(req: PreviewInputRequest, index: number, now: number): number {
  if (req.at !== undefined && req.after !== undefined) throw invalid(index, 'takes at or after, not both', 'at');
  if (req.after !== undefined) return now + previewDuration(req.after, `inputs[${index}].after`);
  if (req.at === undefined) return now;
  const at = Date.parse(req.at);
  if (!Number.isFinite(at)) throw invalid(index, `at must be an ISO date-time, got ${req.at}`, 'at');
  // An input dated in the past happens now: the preview starts from the tenant's current state.
  return Math.max(at, now);
}

function invoiceEvent(state: TenantState, type: 'invoice.paid' | 'invoice.payment_failed', index: number, at: number): NormalizedStripeEvent {
  const invoiceId = `in_preview_${index}`;
  return {
    id: `evt_preview_${index}`, type, created: at, objectId: invoiceId, customerId: state.stripe.customerId,
    invoice: { id: invoiceId, subscriptionId: state.subscription?.id ?? null, amountDue: 0, attemptCount: 1 },
  };
}

function planOf(req: PreviewInputRequest, index: number, ctx: PreviewInputContext): PlanSnapshot {
  if (req.planId === undefined) throw invalid(index, `${req.type} needs planId`, 'planId');
  const plan = ctx.plans.get(req.planId);
  if (!plan) throw new TenureError('PLAN_NOT_FOUND', `plan ${req.planId} not found (inputs[${index}])`, { field: `inputs[${index}].planId` });
  return plan;
}

function toInput(state: TenantState, req: PreviewInputRequest, index: number, at: number, ctx: PreviewInputContext): LifecycleInput {
  const admin = (action: Extract<LifecycleInput, { kind: 'admin' }>['action']): LifecycleInput => ({ kind: 'admin', action });
  const reason = req.reason ?? 'what-if preview';
  switch (req.type) {
    case 'payment_failed': return { kind: 'stripe', event: invoiceEvent(state, 'invoice.payment_failed', index, at) };
    case 'payment_succeeded': return { kind: 'stripe', event: invoiceEvent(state, 'invoice.paid', index, at) };
    case 'upgrade': return { kind: 'changePlan', plan: planOf(req, index, ctx), direction: 'upgrade', gaugeUsage: {} };
    case 'downgrade': return { kind: 'changePlan', plan: planOf(req, index, ctx), direction: 'downgrade', gaugeUsage: ctx.gaugeUsage };
    case 'cancel': return { kind: 'cancel', reason: req.reason ?? null };
    case 'reactivate': return { kind: 'reactivate' };
    case 'cancel_pending_change': return { kind: 'cancelPendingChange' };
    case 'suspend': return admin({ type: 'suspend', reason, actor: ctx.actor });
    case 'unsuspend': return admin({ type: 'unsuspend', reason: req.reason, actor: ctx.actor });
    case 'lock': return admin({ type: 'lock', reason, actor: ctx.actor, ...(req.duration ? { durationMs: previewDuration(req.duration, `inputs[${index}].duration`) } : {}) });
    case 'unlock': return admin({ type: 'unlock', reason: req.reason, actor: ctx.actor });
    case 'extend_trial':
      if (req.duration === undefined) throw invalid(index, 'extend_trial needs duration', 'duration');
      return admin({ type: 'extendTrial', byMs: previewDuration(req.duration, `inputs[${index}].duration`), actor: ctx.actor });
  }
}

/** The requests as the reducer's scripted inputs, each at its time; throws VALIDATION_FAILED or PLAN_NOT_FOUND naming the input. */
export function toScriptedInputs(state: TenantState, requests: readonly PreviewInputRequest[], ctx: PreviewInputContext): ScriptedInput[] {
  if (requests.length > MAX_PREVIEW_INPUTS) throw new TenureError('VALIDATION_FAILED', `invalid body: at most ${MAX_PREVIEW_INPUTS} inputs`, { field: 'inputs' });
  return requests.map((req, index) => {
    if (!PREVIEW_INPUT_TYPES.includes(req.type)) throw invalid(index, `type must be one of ${PREVIEW_INPUT_TYPES.join(', ')}`, 'type');
    const at = inputTime(req, index, ctx.now);
    return { at, input: toInput(state, req, index, at, ctx) };
  });
}
