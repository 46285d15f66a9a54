import { describe, expect, it } from 'vitest';
import { LEGACY_OVERRIDE_REASON, LIMIT_OVERRIDE_REASON } from '../../domain/entitlements/legacy.js';
import type { EntitlementOverride } from '../../domain/entitlements/overrides.js';
import type { TenantState } from '../../domain/lifecycle/index.js';
import { adminActionSignal, adminUpdate, stateQuery, workflowIdOf } from '../../workflows/messages.js';
import { tenantLifecycle } from '../../workflows/tenant-lifecycle.js';
import { eventually } from '../support/wait.js';
import { DAY, finishScenario, lifecycleArgs, recordingActivities, runScenario, storedCarriedStates, useTimeSkipping, workerFor } from '../support/time-skipping.js';

// Overrides through the admin update, as the admin routes send them: set with an `until` that the
// workflow's timer expires, removed, and the overrideLimits of older clients; plus a state carried
// over a continue-as-new from before entitlements.

const suite = useTimeSkipping();
const setOverride = (override: EntitlementOverride) => ({ type: 'setOverride', override, actor: 'admin-1' }) as const;
const iso = (ms: number) => new Date(ms).toISOString();
/** Every `limits` or `limitOverrides` key in a value: a state in the current shape has none. */
const legacyKeys = (value: unknown): string[] => (value === null || typeof value !== 'object' ? [] : Object.entries(value).flatMap(([k, v]) => [...(k === 'limits' || k === 'limitOverrides' ? [k] : []), ...legacyKeys(v)]));

describe('an entitlement override', () => {
  it('is set with an until, published and enforced, then expired by the workflow at until', async () => {
    await runScenario(suite, 'override-1', async ({ handle, rec }) => {
      const until = (await suite.env.currentTimeMs()) + DAY;
      const override = { key: 'advanced_analytics', enabled: true, reason: 'sales pilot', until };
      const set = await handle.executeUpdate(adminUpdate, { args: [setOverride(override)] });
      expect(set.overrides).toEqual([override]);
      expect(rec.published.at(-1)).toMatchObject({
        type: 'entitlement.overridden',
        data: { key: 'advanced_analytics', enabled: true, reason: 'sales pilot', until: iso(until), actor: 'admin-1', previous: null },
      });
      expect(rec.enforcement.at(-1)).toMatchObject({ version: set.version, overrides: [override] });
      const syncsWhenSet = rec.enforcement.length;

      await suite.env.sleep(until - (await suite.env.currentTimeMs()) - 60_000);
      expect((await handle.query(stateQuery)).overrides).toEqual([override]);
      expect(rec.types()).not.toContain('entitlement.override_expired');

      await suite.env.sleep(120_000);
      const expired = await eventually(async () => rec.published.find((e) => e.type === 'entitlement.override_expired'), 'the expiry event');
      expect(expired).toMatchObject({ data: { key: 'advanced_analytics', until: iso(until) }, occurredAt: iso(until) });
      const after = await handle.query(stateQuery);
      expect(after.overrides).toEqual([]);
      expect(rec.enforcement).toHaveLength(syncsWhenSet + 1);
      expect(rec.enforcement.at(-1)).toMatchObject({ version: after.version, overrides: [] });
      expect(rec.projections.at(-1)).toMatchObject({ version: after.version, overrides: [] });
      await finishScenario(suite.env, handle.workflowId, 'override-expires');
    });
  });

  it('is removed by the admin, and removing one that is not set is refused with NOT_FOUND', async () => {
    await runScenario(suite, 'override-2', async ({ handle, rec }) => {
      const override = { key: 'campaigns', limit: 25, reason: 'migration', until: null };
      await handle.executeUpdate(adminUpdate, { args: [setOverride(override)] });
      const removed = await handle.executeUpdate(adminUpdate, { args: [{ type: 'removeOverride', key: 'campaigns', actor: 'admin-1', reason: 'migrated' }] });
      expect(removed.overrides).toEqual([]);
      expect(rec.published.at(-1)).toMatchObject({ type: 'entitlement.override_removed', data: { key: 'campaigns', actor: 'admin-1', reason: 'migrated' } });
      expect(rec.enforcement.at(-1)).toMatchObject({ version: removed.version, overrides: [] });

      const published = rec.published.length;
      const err = await handle.executeUpdate(adminUpdate, { args: [{ type: 'removeOverride', key: 'campaigns', actor: 'admin-1' }] }).catch((e: unknown) => e);
      expect((err as { cause?: { type?: string } }).cause?.type).toBe('NOT_FOUND');
      expect(rec.published).toHaveLength(published);
      expect((await handle.query(stateQuery)).version).toBe(removed.version);
      await finishScenario(suite.env, handle.workflowId);
    });
  });

  it('overrideLimits from an older client, by update or by signal, becomes never-ending overrides', async () => {
    await runScenario(suite, 'override-3', async ({ handle, rec }) => {
      const byUpdate = await handle.executeUpdate(adminUpdate, { args: [{ type: 'overrideLimits', limits: { campaigns: 50 }, actor: 'admin-1' }] });
      expect(byUpdate.overrides).toEqual([{ key: 'campaigns', limit: 50, reason: LIMIT_OVERRIDE_REASON, until: null }]);
      expect(rec.published.at(-1)).toMatchObject({ type: 'tenant.limits_overridden', data: { limits: { campaigns: 50 }, actor: 'admin-1', reason: null } });
      expect(rec.enforcement.at(-1)).toMatchObject({ version: byUpdate.version, overrides: byUpdate.overrides });

      await handle.signal(adminActionSignal, { type: 'overrideLimits', limits: { seats: null }, actor: 'admin-1', reason: 'enterprise trial' });
      const bySignal = await eventually(async () => { const s = await handle.query(stateQuery); return s.version > byUpdate.version ? s : undefined; }, 'the signalled override');
      expect(bySignal.overrides).toEqual([
        { key: 'campaigns', limit: 50, reason: LIMIT_OVERRIDE_REASON, until: null },
        { key: 'seats', limit: null, reason: 'enterprise trial', until: null },
      ]);
      await eventually(async () => (rec.enforcement.at(-1)?.version === bySignal.version ? true : undefined), 'enforcement of the signalled override');
      await finishScenario(suite.env, handle.workflowId);
    });
  });
});

describe('a state carried from before entitlements', () => {
  it('is upgraded by the run it is carried into, keeps its limit overrides, takes new ones, and is carried on upgraded', async () => {
    const [stored] = storedCarriedStates().filter((c) => c.file === 'three-monthly-resets.json');
    const tenantId = 'legacy-1';
    const legacy = { ...stored!.state, tenantId, limitOverrides: { seats: 40 } };
    expect(legacyKeys(legacy)).toEqual(['limits', 'limits', 'limitOverrides']);
    const rec = recordingActivities();
    const worker = await workerFor(suite.env, tenantId, rec.activities, suite.bundle);
    await worker.runUntil(async () => {
      const args = { ...lifecycleArgs(tenantId), carried: { state: legacy as unknown as TenantState, inbox: [] } };
      const first = await suite.env.client.workflow.start(tenantLifecycle, { workflowId: workflowIdOf(tenantId), taskQueue: tenantId, args: [args] });
      const carried = await first.query(stateQuery);
      expect(legacyKeys(carried)).toEqual([]);
      expect(carried.plan.entitlements.campaigns).toEqual({ limit: 1 });
      expect(carried.overrides).toEqual([{ key: 'seats', limit: 40, reason: LEGACY_OVERRIDE_REASON, until: null }]);

      const set = await first.executeUpdate(adminUpdate, { args: [setOverride({ key: 'advanced_analytics', enabled: true, reason: 'pilot', until: null })] });
      expect(set.overrides.map((o) => o.key)).toEqual(['advanced_analytics', 'seats']);
      expect(rec.enforcement.at(-1)).toMatchObject({ version: set.version, overrides: set.overrides });
      expect(legacyKeys(rec.enforcement.at(-1))).toEqual([]);

      // At the period end the run continues as new: the next run starts from the upgraded state.
      await suite.env.sleep(set.usagePeriod.end - (await suite.env.currentTimeMs()) + 60_000);
      await eventually(async () => (rec.resets.length > 0 ? true : undefined), 'the period reset');
      const latest = suite.env.client.workflow.getHandle(first.workflowId);
      const next = await eventually(async () => { const d = await latest.describe(); return d.runId !== first.firstExecutionRunId ? d : undefined; }, 'the next run');
      expect((await suite.env.client.workflow.getHandle(first.workflowId, first.firstExecutionRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
      const history = await suite.env.client.workflow.getHandle(first.workflowId, next.runId).fetchHistory();
      const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!.data!;
      const nextArgs = JSON.parse(Buffer.from(payload).toString('utf8')) as { carried: { state: TenantState } };
      expect(legacyKeys(nextArgs.carried.state)).toEqual([]);
      expect(nextArgs.carried.state.overrides).toEqual(set.overrides);
      expect((await latest.query(stateQuery)).overrides).toEqual(set.overrides);
      await finishScenario(suite.env, first.workflowId);
    });
  });
});
