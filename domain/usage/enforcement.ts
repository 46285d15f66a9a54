import { warningOf } from '../lifecycle/access.js';
import type { NextTransition } from '../lifecycle/next-transition.js';
import type { Access } from '../lifecycle/types.js';
import type { Entitlement } from '../entitlements/entitlements.js';
import type { EntitlementSource } from '../entitlements/resolve.js';

// The Redis enforcement record (hash `limits:{tenant}`), as a pure mapping both ways. The lifecycle
// workflow writes it from its state; the consume path rebuilds it from the Postgres projection.
// A metered feature's field `<key>` holds its effective limit (-1 = unlimited); a boolean feature's is
// `_f:<key>` (1 on, 0 off); `_o:<key>` marks a value an override set. Feature keys start with a letter,
// so they never collide with the hidden fields, which start with `_`. A feature without a field is not
// granted: off, or a limit of 0.

export type BlockReason = '' | 'locked' | 'suspended' | 'closed' | 'read_only';

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
  /** The effective entitlements (plan, then overrides), each with its source. */
  entitlements: Readonly<Record<string, { value: Entitlement; source: EntitlementSource }>>;
  trialEndsAt: number | null;
  /** When access or plan next changes if nothing else happens (`_next`, JSON; '' for never). */
  nextTransition?: NextTransition | null;
  /** Where the customer authenticates a payment (SCA); written as `_pact`, '' for none. */
  paymentActionUrl: string | null;
}

export interface EnforcementView extends Omit<EnforcementInput, 'entitlements'> {
  /** Metered features: the effective limit (null = unlimited). */
  limits: Record<string, number | null>;
  /** Boolean features: the effective flag. */
  features: Record<string, boolean>;
  /** Keys whose value an override set. */
  overridden: string[];
  warn: string;
  block: BlockReason;
}

export const FLAG_FIELD_PREFIX = '_f:';
export const OVERRIDE_FIELD_PREFIX = '_o:';

/** Why a tenant may not consume: admin or dunning lock, suspension, a closed account, or restriction ('' = not blocked). */
export function blockReason(status: string, paymentStatus: string): BlockReason {
  if (status === 'locked' || paymentStatus === 'locked') return 'locked';
  if (status === 'suspended') return 'suspended';
  if (status === 'closed') return 'closed';
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
    _pact: input.paymentActionUrl ?? '',
  };
  if (input.periodEnd !== undefined) fields._pend = String(input.periodEnd);
  if (input.nextTransition !== undefined) fields._next = input.nextTransition === null ? '' : JSON.stringify(input.nextTransition);
  for (const [key, { value, source }] of Object.entries(input.entitlements)) {
    if ('limit' in value) fields[key] = String(value.limit ?? -1);
    else fields[FLAG_FIELD_PREFIX + key] = value.enabled ? '1' : '0';
    if (source === 'override') fields[OVERRIDE_FIELD_PREFIX + key] = '1';
  }
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
  const { limits, features, overridden } = parseEntitlementFields(hash);
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
    features,
    overridden,
    trialEndsAt: hash._trial ? Number(hash._trial) : null,
    nextTransition: parseNextTransition(hash._next),
    paymentActionUrl: hash._pact ? hash._pact : null,
    warn: hash._warn ?? '',
    block: (hash._block ?? blockReason(status, paymentStatus)) as BlockReason,
  };
}

/** `_next` as written by toEnforcementFields; null for '', absent (a hash from before it) or unreadable. */
export function parseNextTransition(value: string | undefined): NextTransition | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as NextTransition;
    return typeof parsed.at === 'number' && typeof parsed.to === 'object' && Array.isArray(parsed.reason) ? parsed : null;
  } catch { return null; }
}

/** The entitlement fields of a hash: limits by metered key, flags by boolean key, and the overridden keys. */
export function parseEntitlementFields(hash: Record<string, string>): Pick<EnforcementView, 'limits' | 'features' | 'overridden'> {
  const limits: Record<string, number | null> = {};
  const features: Record<string, boolean> = {};
  const overridden: string[] = [];
  for (const [field, value] of Object.entries(hash)) {
    if (field.startsWith(FLAG_FIELD_PREFIX)) features[field.slice(FLAG_FIELD_PREFIX.length)] = value === '1';
    else if (field.startsWith(OVERRIDE_FIELD_PREFIX)) overridden.push(field.slice(OVERRIDE_FIELD_PREFIX.length));
    else if (!field.startsWith('_')) limits[field] = parseLimit(value);
  }
  return { limits, features, overridden: overridden.sort() };
}

function toAccessLevel(access: string | null): Access {
  return access === 'read_only' || access === 'none' ? access : 'full';
}
