import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../domain/lifecycle/index.js';
import { adminUpdate, attentionQuery, repairUpdate, reprojectUpdate, stateQuery, workflowIdOf } from '../../workflows/messages.js';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attribute-keys.js';
import { tenantLifecycle } from '../../workflows/tenant-lifecycle.js';
import { finishScenario, lifecycleArgs, recordingActivities, runScenario, useTimeSkipping, workerFor } from '../support/time-skipping.js';

// A side effect that fails for good (the activity says non-retryable, as a write Postgres rejects
// does after its bounded attempts) holds its command back, marks the tenant NeedsAttention, and the
// lifecycle keeps applying input; `repair` runs the held-back commands once the cause is fixed.

const suite = useTimeSkipping();
const rejected = () => ApplicationFailure.create({ type: 'DATA_REJECTED', message: 'Postgres rejected the write (SQLSTATE 23514)', nonRetryable: true });
const needsAttention = async (handle: WorkflowHandle) => (await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.NeedsAttention);
const lock = { type: 'lock', reason: 'review', actor: 'admin-1', durationMs: null } as const;
const unlock = { type: 'unlock', actor: 'admin-1' } as const;
/** The activity, failing for good while `broken.on`. */
const failingWhile = <A extends unknown[], R>(broken: { on: boolean }, activity: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
  if (broken.on) throw rejected();
  return activity(...args);
};

describe('a permanent activity failure', () => {
  it('marks the tenant, keeps serving and applying input, and is repaired once the cause is fixed', async () => {
    const rec = recordingActivities();
    const broken = { on: false };
    const persistProjection = failingWhile(broken, rec.activities.persistProjection);
    await runScenario(suite, 'attention-1', async ({ handle, started }) => {
      broken.on = true;
      const locked = await handle.executeUpdate(adminUpdate, { args: [lock] });
      expect(locked.status).toBe('locked');
      // The projection is held back; enforcement (another activity) still got the lock.
      expect(rec.enforcement.at(-1)).toMatchObject({ status: 'locked', version: locked.version });
      expect(rec.projections.at(-1)!.version).toBe(started.version);
      const attention = await handle.query(attentionQuery);
      expect(attention).toMatchObject({ reason: 'persistProjection: DATA_REJECTED', pending: [{ type: 'persistProjection' }] });
      expect(attention!.failures[0]).toMatchObject({ activity: 'persistProjection', code: 'DATA_REJECTED', message: expect.stringContaining('23514') });
      expect(await needsAttention(handle)).toBe('persistProjection: DATA_REJECTED');

      // Still answering: queries, updates, and the state moves on.
      const unlocked = await handle.executeUpdate(adminUpdate, { args: [unlock] });
      expect(unlocked.status).toBe('active');
      expect((await handle.query(stateQuery)).version).toBe(unlocked.version);
      expect(rec.enforcement.at(-1)!.version).toBe(unlocked.version);

      // A repair before the cause is fixed leaves the mark.
      const early = await handle.executeUpdate(repairUpdate);
      expect(early.attention?.reason).toBe('persistProjection: DATA_REJECTED');
      expect(await needsAttention(handle)).toBe('persistProjection: DATA_REJECTED');

      broken.on = false;
      const repaired = await handle.executeUpdate(repairUpdate);
      expect(repaired.attention).toBeNull();
      expect(repaired.state.version).toBe(unlocked.version);
      expect(rec.projections.at(-1)!.version).toBe(unlocked.version);
      expect(await handle.query(attentionQuery)).toBeNull();
      expect(await needsAttention(handle)).toBeUndefined();
      await finishScenario(suite.env, handle.workflowId, 'permanent-failure-repair');
    }, { rec, activities: { persistProjection } });
  });

  it('holds later events back behind a failed publish, and publishes them in order on repair', async () => {
    const rec = recordingActivities();
    const broken = { on: false };
    const publishEvents = failingWhile(broken, rec.activities.publishEvents);
    await runScenario(suite, 'attention-2', async ({ handle }) => {
      const before = rec.types().length;
      broken.on = true;
      await handle.executeUpdate(adminUpdate, { args: [lock] });
      broken.on = false;
      // The next step's events queue behind the held-back ones instead of overtaking them.
      await handle.executeUpdate(adminUpdate, { args: [unlock] });
      expect(rec.types().length).toBe(before);
      const attention = await handle.query(attentionQuery);
      expect(attention?.reason).toBe('publishEvents: DATA_REJECTED');
      expect(attention?.pending.map((c) => (c.type === 'publishEvent' ? c.event.type : c.type))).toEqual(['tenant.locked', 'tenant.unlocked']);

      const repaired = await handle.executeUpdate(repairUpdate);
      expect(repaired.attention).toBeNull();
      expect(rec.types().slice(before)).toEqual(['tenant.locked', 'tenant.unlocked']);
      expect(await needsAttention(handle)).toBeUndefined();
      await finishScenario(suite.env, handle.workflowId);
    }, { rec, activities: { publishEvents } });
  });

  it('reproject writes the projection and enforcement again from the live state', async () => {
    await runScenario(suite, 'attention-3', async ({ handle, started, rec }) => {
      const [projections, enforcement] = [rec.projections.length, rec.enforcement.length];
      const answer = await handle.executeUpdate(reprojectUpdate);
      expect(answer).toMatchObject({ state: { tenantId: 'attention-3', version: started.version }, attention: null });
      expect(rec.projections.slice(projections).map((s) => s.version)).toEqual([started.version]);
      expect(rec.enforcement.slice(enforcement).map((s) => s.version)).toEqual([started.version]);
      await finishScenario(suite.env, handle.workflowId);
    });
  });
});

describe('a lifecycle carried over from an older run', () => {
  const carriedState = (tenantId: string) => initialState({ ...lifecycleArgs(tenantId), now: Date.now() }).state;

  it('runs without the attention field (a run continued as new before it existed)', async () => {
    const rec = recordingActivities();
    const worker = await workerFor(suite.env, 'carried-1', rec.activities, suite.bundle);
    await worker.runUntil(async () => {
      const args = { ...lifecycleArgs('carried-1'), carried: { state: carriedState('carried-1'), inbox: [] } };
      const handle = await suite.env.client.workflow.start(tenantLifecycle, { workflowId: workflowIdOf('carried-1'), taskQueue: 'carried-1', args: [args] });
      expect(await handle.query(attentionQuery)).toBeNull();
      const locked = await handle.executeUpdate(adminUpdate, { args: [lock] });
      expect(locked.status).toBe('locked');
      expect(rec.projections.at(-1)!.version).toBe(locked.version);
      expect((await handle.executeUpdate(repairUpdate)).attention).toBeNull();
      expect(await needsAttention(handle)).toBeUndefined();
      await finishScenario(suite.env, handle.workflowId);
    });
  });

  it('keeps a carried attention marked, and repairs it', async () => {
    const rec = recordingActivities();
    const worker = await workerFor(suite.env, 'carried-2', rec.activities, suite.bundle);
    await worker.runUntil(async () => {
      const state = carriedState('carried-2');
      const attention = { reason: 'syncEnforcement: DATA_REJECTED', since: Date.now(), failures: [{ activity: 'syncEnforcement', code: 'DATA_REJECTED', message: 'x', at: Date.now() }], pending: [{ type: 'syncEnforcement' as const }] };
      const args = { ...lifecycleArgs('carried-2'), carried: { state, inbox: [], attention } };
      const handle = await suite.env.client.workflow.start(tenantLifecycle, { workflowId: workflowIdOf('carried-2'), taskQueue: 'carried-2', args: [args] });
      expect((await handle.query(attentionQuery))?.reason).toBe('syncEnforcement: DATA_REJECTED');
      expect(await needsAttention(handle)).toBe('syncEnforcement: DATA_REJECTED');
      const repaired = await handle.executeUpdate(repairUpdate);
      expect(repaired.attention).toBeNull();
      expect(rec.enforcement.map((s) => s.version)).toEqual([state.version]);
      expect(await needsAttention(handle)).toBeUndefined();
      await finishScenario(suite.env, handle.workflowId);
    });
  });

  it('a closed account whose closing writes were held back keeps running until a repair writes them, then ends', async () => {
    const rec = recordingActivities();
    const broken = { on: false };
    const persistProjection = failingWhile(broken, rec.activities.persistProjection);
    await runScenario(suite, 'attention-close', async ({ handle }) => {
      broken.on = true;
      const closed = await handle.executeUpdate(adminUpdate, { args: [{ type: 'close', reason: 'customer left', actor: 'admin-1', effective: 'now' }] });
      expect(closed.status).toBe('closed');
      expect((await handle.query(attentionQuery))?.reason).toBe('persistProjection: DATA_REJECTED');
      expect((await handle.describe()).status.name).toBe('RUNNING');

      broken.on = false;
      const repaired = await handle.executeUpdate(repairUpdate);
      expect(repaired.attention).toBeNull();
      expect(rec.projections.at(-1)).toMatchObject({ status: 'closed', version: closed.version });
      await handle.result();
      expect((await handle.describe()).status.name).toBe('COMPLETED');
    }, { rec, activities: { persistProjection } });
  });
});
