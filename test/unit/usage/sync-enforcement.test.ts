import { describe, expect, it } from 'vitest';
import { toEnforcement } from '../../../services/enforcement/write-enforcement.js';
import { initialState } from '../../../domain/lifecycle/index.js';
import type { TenantState } from '../../../domain/lifecycle/types.js';
import { defaultPlan } from '../../../db/seed/demo-plans.js';
import { toPlanSnapshot } from '../../../domain/plans/types.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 21);
const fresh = (): TenantState => initialState({
  tenantId: 'acme', now: NOW, trialPlan: toPlanSnapshot(defaultPlan('starter')), freePlan: toPlanSnapshot(defaultPlan('free')),
  config: { trialPeriodMs: 14 * DAY, trialRemindersMs: [], dunningRestrictAfterMs: 7 * DAY, dunningLockAfterMs: 14 * DAY, defaultAdminLockMs: null },
}).state;

describe('toEnforcement (what the workflow writes to Redis)', () => {
  it('writes the trial plan limits, the period, the trial end and no block for a new tenant', () => {
    const state = fresh();
    const snap = toEnforcement(state);
    expect(snap.access).toBe('full');
    expect(snap.fields).toMatchObject({
      campaigns: '3', seats: '3', _plan: 'starter', _pname: 'Starter', _block: '', _warn: '', _status: 'active', _pay: 'active',
      _period: String(state.usagePeriod.start), _trial: String(state.trial!.endsAt), _v: String(state.version),
    });
  });

  it('applies overrides and says why consume is blocked', () => {
    const base = fresh();
    const overrides = [
      { key: 'campaigns', limit: null, reason: 'pilot', until: null },
      { key: 'seats', limit: 9, reason: 'pilot', until: NOW + DAY },
      { key: 'sso', enabled: true, reason: 'pilot', until: null },
    ];
    expect(toEnforcement({ ...base, overrides }, NOW).fields).toMatchObject({ campaigns: '-1', '_o:campaigns': '1', seats: '9', '_f:sso': '1', '_o:sso': '1' });
    // An override past its `until` is not written, even before the lifecycle's tick removes it.
    expect(toEnforcement({ ...base, overrides }, NOW + DAY).fields).toMatchObject({ seats: '3' });
    expect(toEnforcement({ ...base, overrides }, NOW + DAY).fields).not.toHaveProperty('_o:seats');
    expect(toEnforcement({ ...base, status: 'locked' }).fields._block).toBe('locked');
    expect(toEnforcement({ ...base, paymentStatus: 'locked' }).fields._block).toBe('locked');
    expect(toEnforcement({ ...base, status: 'suspended' }).fields._block).toBe('suspended');
    expect(toEnforcement({ ...base, paymentStatus: 'restricted' })).toMatchObject({ access: 'read_only', fields: { _block: 'read_only' } });
    expect(toEnforcement({ ...base, paymentStatus: 'past_due' }).fields).toMatchObject({ _block: '', _warn: 'payment_past_due' });
  });
});
