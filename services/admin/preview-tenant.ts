import { previewTimeline, type Preview, type PreviewStep } from '../../domain/lifecycle/index.js';
import { previewUntil, toScriptedInputs, type PreviewInputRequest } from '../../domain/lifecycle/preview-inputs.js';
import { toPlanSnapshot, type PlanSnapshot } from '../../domain/plans/types.js';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { requireLifecycleState } from '../lifecycle/lifecycle-client.js';
import { findPlanForTenant } from '../plans/plan-catalog.js';
import { readGaugeUsage } from '../usage/read-usage.js';

// A what-if preview of one tenant (issue 13, item 6): its live state run forward through the pure
// reducer with a fake clock. Reads the state, the plans named and the gauges; changes nothing.

export interface PreviewRequest { inputs: PreviewInputRequest[]; until: string; actor: string }

export interface PreviewStepView extends Omit<PreviewStep, 'at'> { at: string }
export interface PreviewView { tenantId: string; from: string; until: string; timeline: PreviewStepView[]; final: Preview['final']; truncated: boolean }

async function namedPlans(deps: Pick<ServiceDeps, 'db' | 'redis'>, tenantId: string, inputs: PreviewInputRequest[]): Promise<Map<string, PlanSnapshot>> {
  const plans = new Map<string, PlanSnapshot>();
  for (const id of new Set(inputs.flatMap((i) => (i.planId === undefined ? [] : [i.planId])))) {
    const plan = await findPlanForTenant(deps, id, tenantId);
    if (plan) plans.set(id, toPlanSnapshot(plan));
  }
  return plans;
}

export async function previewTenant(deps: Pick<ServiceDeps, 'db' | 'redis' | 'temporal' | 'config' | 'features'>, tenantId: string, req: PreviewRequest, now = Date.now()): Promise<PreviewView> {
  const until = previewUntil(req.until, now);
  const state = await requireLifecycleState(deps, tenantId);
  const downgrades = req.inputs.some((i) => i.type === 'downgrade');
  const gaugeUsage = downgrades ? await readGaugeUsage(deps.redis, tenantId, state.usagePeriod.start, await deps.features.list()) : {};
  const inputs = toScriptedInputs(state, req.inputs, { now, plans: await namedPlans(deps, tenantId, req.inputs), gaugeUsage, actor: req.actor });
  const preview = previewTimeline(state, { inputs, until, from: now });
  if (preview.timeline.length === 0 && req.inputs.length > 0 && inputs.every((i) => i.at > until)) {
    throw new TenureError('VALIDATION_FAILED', 'invalid body: every input is after until', { field: 'until' });
  }
  return {
    tenantId, from: new Date(now).toISOString(), until: new Date(until).toISOString(),
    timeline: preview.timeline.map((s) => ({ ...s, at: new Date(s.at).toISOString() })), final: preview.final, truncated: preview.truncated,
  };
}
