import { warningOf } from '../lifecycle/access.js';
import type { Access } from '../lifecycle/types.js';
import { METRICS, type Limits, type MetricName } from '../plans/types.js';

// The Redis enforcement record (hash `limits:{tenant}`), as a pure mapping both ways. The lifecycle
// workflow writes it from its state; the consume path rebuilds it from the Postgres projection.
// Metric fields hold the effective limit (-1 = unlimited). Hidden fields start with `_`.

export type BlockReason = '' | 'locked' | 'suspended' | 'read_only';

export interface EnforcementInput {
  version: number;
  planId: string;
  planName: string;
  /** Start of the current usage period, epoch ms; monthly counters and thresholds are keyed by it. */
  periodStart: number;
  /** End of the current usage period, epoch ms (written as `_pend`; event dedupe keys live until it, plus a margin). */
  periodEnd?: number;
  status: string;
  paymentStatus: string;
  access: Access;
  limits: Limits;
  trialEndsAt: number | null;
}

export interface EnforcementView extends EnforcementInput {
  warn: string;
  block: BlockReason;
}

/** Why a tenant may not consume: admin or dunning lock, suspension, or restriction ('' = not blocked). */
export function blockReason(status: string, paymentStatus: string): BlockReason {
  if (status === 'locked' || paymentStatus === 'locked') return 'locked';
  if (status === 'suspended') return 'suspended';
  if (paymentStatus === 'restricted') return 'read_only';
  return '';
}

/** Builds the hash fields written to `limits:{tenant}`. */
export function toEnforcementFields(input: EnforcementInput): Record<string, string> {
  const fields: Record<string, string> = {
    _v: String(input.version),
    _plan: input.planId,
    _pname: input.planName,
    _period: String(input.periodStart),
    _warn: warningOf(input.access, input.paymentStatus) ?? '',
    _block: blockReason(input.status, input.paymentStatus),
    _status: input.status,
    _pay: input.paymentStatus,
    _trial: input.trialEndsAt === null ? '' : String(input.trialEndsAt),
  };
  if (input.periodEnd !== undefined) fields._pend = String(input.periodEnd);
  for (const m of METRICS) fields[m] = String(input.limits[m] ?? -1);
  return fields;
}

/** Reads a limit field: -1 (or absent) is unlimited, shown as null. */
export function parseLimit(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Parses a full hash back to a view; null when the hash is missing or was written without the status fields. */
export function parseEnforcementFields(hash: Record<string, string>, access: string | null): EnforcementView | null {
  const required = ['_v', '_plan', '_pname', '_period', '_status', '_pay'];
  if (required.some((k) => hash[k] === undefined)) return null;
  const limits = Object.fromEntries(METRICS.map((m) => [m, parseLimit(hash[m])])) as Record<MetricName, number | null>;
  const status = hash._status!;
  const paymentStatus = hash._pay!;
  return {
    version: Number(hash._v),
    planId: hash._plan!,
    planName: hash._pname!,
    periodStart: Number(hash._period),
    status,
    paymentStatus,
    access: toAccessLevel(access),
    limits,
    trialEndsAt: hash._trial ? Number(hash._trial) : null,
    warn: hash._warn ?? '',
    block: (hash._block ?? blockReason(status, paymentStatus)) as BlockReason,
  };
}

function toAccessLevel(access: string | null): Access {
  return access === 'read_only' || access === 'none' ? access : 'full';
}
