// A what-if preview (issue 13, item 6): the pure reducer run forward from a state with a fake clock,
// through scripted inputs and the deadlines that come due. Nothing leaves this function: the
// commands are read for their events and dropped, so a preview has no side effects.
import { effectiveAccess } from './access.js';
import { nextDeadline } from './deadlines.js';
import { reduce } from './reduce.js';
import type { Access, Command, LifecycleInput, PaymentStatus, TenantState, TenantStatus } from './types.js';
import { upgradeState, type StoredTenantState } from './upgrade-state.js';
import { CURRENT_RULES, validate, type ValidationRules } from './validate.js';

export const DEFAULT_PREVIEW_MAX_STEPS = 500;

/** What a user of the tenant notices: its status, payment standing, access and plan. */
export interface LifecycleView {
  status: TenantStatus;
  paymentStatus: PaymentStatus;
  access: Access;
  planId: string;
}

export interface ScriptedInput {
  at: number;
  input: LifecycleInput;
}

export interface PreviewOptions {
  /** Applied in `at` order (ties keep their given order); an input after `until` is never applied. */
  inputs: ScriptedInput[];
  /** Inclusive end of the preview (epoch ms). */
  until: number;
  /** Reduce calls allowed before the preview stops and reports `truncated` (default 500). */
  maxSteps?: number;
  /** The fake clock's start; defaults to the earliest input or deadline. Nothing is applied before it. */
  from?: number;
  rules?: ValidationRules;
}

export interface PreviewEvent {
  type: string;
  data: unknown;
}

export interface PreviewStep extends LifecycleView {
  at: number;
  /** The input's kind; `tick` for a deadline that came due. */
  input: LifecycleInput['kind'];
  events: PreviewEvent[];
  /** Set when validate() rejected a scripted input: nothing changed, and this is why. */
  refused?: { code: string; message: string };
}

export interface Preview {
  timeline: PreviewStep[];
  final: LifecycleView;
  /** True when maxSteps ran out before `until`, so the timeline stops early. */
  truncated: boolean;
}

/** The view of a state that a preview step and nextTransition report. */
export function lifecycleView(state: TenantState): LifecycleView {
  return { status: state.status, paymentStatus: state.paymentStatus, access: effectiveAccess(state), planId: state.plan.id };
}

/** The published events among a reduce's commands, as type and payload. */
export function publishedEvents(commands: Command[]): PreviewEvent[] {
  return commands.flatMap((c) => (c.type === 'publishEvent' ? [{ type: c.event.type, data: c.event.data }] : []));
}

interface Next {
  at: number;
  input: LifecycleInput;
  scripted: boolean;
}

// The earlier of the next scripted input and the next deadline; a deadline due at the same instant
// as an input goes first, as the workflow's catch-up tick would.
function nextStep(state: TenantState, script: ScriptedInput[], clock: number): Next | null {
  const deadline = nextDeadline(state);
  const scripted = script[0];
  if (deadline !== null && (scripted === undefined || deadline <= scripted.at)) {
    return { at: Math.max(deadline, clock), input: { kind: 'tick' }, scripted: false };
  }
  if (scripted === undefined) return null;
  return { at: Math.max(scripted.at, clock), input: scripted.input, scripted: true };
}

/**
 * Runs `state` forward through `inputs` and the deadlines due until `until`, recording each step
 * that changed something (and each refused input). Pure: `state` is not mutated, no clock is read.
 */
export function previewTimeline(stored: StoredTenantState, options: PreviewOptions): Preview {
  const { until, rules = CURRENT_RULES } = options;
  const maxSteps = options.maxSteps ?? DEFAULT_PREVIEW_MAX_STEPS;
  const script = options.inputs.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i).map(({ s }) => s);
  let state = upgradeState(stored);
  let clock = options.from ?? -Infinity;
  const timeline: PreviewStep[] = [];
  for (let steps = 0; ; steps += 1) {
    const next = nextStep(state, script, clock);
    if (next === null || next.at > until) return { timeline, final: lifecycleView(state), truncated: false };
    if (steps >= maxSteps) return { timeline, final: lifecycleView(state), truncated: true };
    if (next.scripted) script.shift();
    clock = next.at;
    const error = next.scripted ? validate(state, next.input, rules) : null;
    if (error !== null) {
      timeline.push({ at: clock, input: next.input.kind, ...lifecycleView(state), events: [], refused: { code: error.code, message: error.message } });
      continue;
    }
    const { state: after, commands } = reduce(state, next.input, clock, rules);
    state = after;
    if (commands.length > 0) timeline.push({ at: clock, input: next.input.kind, ...lifecycleView(state), events: publishedEvents(commands) });
  }
}
