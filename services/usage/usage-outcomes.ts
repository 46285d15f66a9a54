import type { BlockReason } from '../../domain/usage/enforcement.js';
import { remainingCapacity } from '../../domain/usage/limits.js';
import type { ScriptReply } from './usage-scripts.js';

// What consume and release are asked, what they answer, and how a script reply maps to an answer.

/** `occurredAt` (epoch ms) is set for usage events: one dated before the tenant's current period is refused. */
export interface ConsumeInput { tenantId: string; metric: string; amount: number; idempotencyKey?: string; dryRun?: boolean; occurredAt?: number }
export interface ReleaseInput { tenantId: string; metric: string; amount: number; idempotencyKey?: string }

export type ConsumeOutcome =
  | { kind: 'allowed'; used: number; limit: number | null; remaining: number | null; warning: string; duplicate: boolean; crossed: number[] }
  | { kind: 'limit_exceeded'; used: number; limit: number; warning: string; planId: string }
  | { kind: 'blocked'; reason: Exclude<BlockReason, ''> }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'period_closed'; periodStart: number }
  | UnknownFeatureOutcome
  | { kind: 'tenant_not_found' };

/** The metric is not a feature the operation counts: outside the catalog, a boolean or read feature, or (release) not a gauge. */
export interface UnknownFeatureOutcome { kind: 'unknown_feature'; problem: 'unknown_feature' | 'not_consumable' | 'not_releasable' }

export type ReleaseOutcome =
  | { kind: 'released'; used: number; limit: number | null; remaining: number | null; duplicate: boolean }
  | { kind: 'idempotency_key_reused' }
  | UnknownFeatureOutcome
  | { kind: 'tenant_not_found' };

/** Maps one consume script reply ('ok', 'dup', 'reused', 'closed', 'limit' or 'blocked') to its outcome. */
export function toConsumeOutcome(reply: ScriptReply, gracePercent: number, onCrossed?: () => void): ConsumeOutcome {
  const tag = reply[0];
  if (tag === 'reused') return { kind: 'idempotency_key_reused' };
  if (tag === 'closed') return { kind: 'period_closed', periodStart: Number(reply[1]) };
  if (tag === 'blocked') return { kind: 'blocked', reason: String(reply[1]) as Exclude<BlockReason, ''> };
  if (tag === 'limit') return { kind: 'limit_exceeded', used: Number(reply[1]), limit: Number(reply[2]), warning: String(reply[3] ?? ''), planId: String(reply[4] ?? '') };
  if (tag === 'dup') {
    const [used, limit, warning] = String(reply[1]).split(':');
    const lim = Number(limit) < 0 ? null : Number(limit);
    return { kind: 'allowed', used: Number(used), limit: lim, remaining: remainingCapacity(Number(used), lim, gracePercent), warning: warning ?? '', duplicate: true, crossed: [] };
  }
  const used = Number(reply[1]);
  const limit = Number(reply[2]) < 0 ? null : Number(reply[2]);
  const crossed = String(reply[4] ?? '').split(',').filter(Boolean).map(Number);
  if (crossed.length > 0) onCrossed?.();
  return { kind: 'allowed', used, limit, remaining: remainingCapacity(used, limit, gracePercent), warning: String(reply[3] ?? ''), duplicate: false, crossed };
}
