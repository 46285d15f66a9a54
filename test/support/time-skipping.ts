import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Activities } from '../../activities/index.js';
import type { BillingEvent } from '../../domain/events.js';
import type { LifecycleConfig, StoredTenantState, TenantState } from '../../domain/lifecycle/index.js';
import { DEFAULT_PLANS } from '../../db/seed/demo-plans.js';
import { toPlanSnapshot } from '../../domain/plans/types.js';
import { afterAll, beforeAll } from 'vitest';
import { bundleWorkflows, createBillingWorker } from '../../workers/create-worker.js';
import { quietTemporalRuntime } from './runtime.js';
import { registerUpdate, workflowIdOf, type TenantLifecycleArgs } from '../../workflows/messages.js';
import { tenantLifecycle } from '../../workflows/tenant-lifecycle.js';

export const TEST_SERVER = fileURLToPath(new URL('../../dev/bin/temporal-test-server', import.meta.url));
export const HISTORIES_DIR = fileURLToPath(new URL('../fixtures/histories', import.meta.url));
export const DAY = 86_400_000;
const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
const DATETIME = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;

/** Keeps the SDK's own logs quiet in tests (warnings and errors still show). */
export function quietRuntime(): void {
  quietTemporalRuntime('WARN');
}

/** Starts the Java time-skipping test server through our wrapper (dev/bin/temporal-test-server). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEST_SERVER } } });
  // The test server starts with no custom search attributes; register ours as the dev server does.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: { TenantId: KEYWORD, BillingPlan: KEYWORD, PaymentStatus: KEYWORD, TenantStatus: KEYWORD, TrialEndsAt: DATETIME, NeedsAttention: KEYWORD },
  });
  return env;
}

/** Activities that record what the workflow asked for, instead of touching real services. */
export function recordingActivities() {
  const published: BillingEvent[] = [];
  const projections: TenantState[] = [];
  const enforcement: TenantState[] = [];
  const resets: Parameters<Activities['resetUsage']>[0][] = [];
  const activities: Pick<Activities, 'persistProjection' | 'publishEvents' | 'syncEnforcement' | 'resetUsage'> = {
    persistProjection: async (state) => { projections.push(state); return { written: true }; },
    publishEvents: async (events) => { published.push(...events); return { published: events.length }; },
    syncEnforcement: async (state) => { enforcement.push(state); return { written: true }; },
    resetUsage: async (input) => { resets.push(input); return { archived: 2 }; },
  };
  return { activities, published, projections, enforcement, resets, types: () => published.map((e) => e.type) };
}

export const DEFAULT_LIFECYCLE: LifecycleConfig = { trialPeriodMs: 14 * DAY, trialRemindersMs: [3 * DAY, DAY], dunningRestrictAfterMs: 7 * DAY, dunningLockAfterMs: 14 * DAY, defaultAdminLockMs: null };

/** Start arguments for a tenant on the default catalog. */
export function lifecycleArgs(tenantId: string, config: Partial<LifecycleConfig> = {}): TenantLifecycleArgs {
  const snapshot = (id: string) => toPlanSnapshot(DEFAULT_PLANS.find((p) => p.id === id)!);
  return { tenantId, name: `Tenant ${tenantId}`, email: `${tenantId}@example.com`, config: { ...DEFAULT_LIFECYCLE, ...config }, trialPlan: snapshot('starter'), freePlan: snapshot('free') };
}

export async function workerFor(env: TestWorkflowEnvironment, taskQueue: string, activities: Partial<Activities>, workflowBundle: WorkflowBundleWithSourceMap): Promise<Worker> {
  return createBillingWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, activities: { given: activities }, workflowBundle });
}

/**
 * Saves the history as a replay fixture, then terminates the workflow: the test server stops
 * skipping time while any workflow has a task no worker will pick up, which would stall later tests.
 */
export async function finishScenario(env: TestWorkflowEnvironment, workflowId: string, historyName?: string): Promise<void> {
  const handle = env.client.workflow.getHandle(workflowId);
  if (historyName) await saveHistory(handle, historyName);
  await handle.terminate('scenario finished');
}

/** Stores the workflow's history as a replay fixture the first time a scenario runs (or with UPDATE_HISTORIES=1). */
export async function saveHistory(handle: WorkflowHandle, name: string): Promise<void> {
  const file = `${HISTORIES_DIR}/${name}.json`;
  if (existsSync(file) && process.env.UPDATE_HISTORIES !== '1') return;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  const history = await handle.fetchHistory();
  writeFileSync(file, historyToJSON(history));
}

/** The arguments a stored history's workflow was started with (its first event's input). */
export function startArgsOf(file: string): TenantLifecycleArgs {
  const history = JSON.parse(readFileSync(`${HISTORIES_DIR}/${file}`, 'utf8')) as { events: { workflowExecutionStartedEventAttributes?: { input: { payloads: { data: string }[] } } }[] };
  const payload = history.events[0]!.workflowExecutionStartedEventAttributes!.input.payloads[0]!.data;
  return JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as TenantLifecycleArgs;
}

/**
 * The states the stored histories were carried over a continue-as-new with: written by the code of
 * their day (before entitlements: `limits`, `limitOverrides`), typed as what they are.
 */
export function storedCarriedStates(): { file: string; state: StoredTenantState }[] {
  return readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort().flatMap((file) => {
    const carried = startArgsOf(file).carried as { state: StoredTenantState } | undefined;
    return carried ? [{ file, state: carried.state }] : [];
  });
}

/** Registers beforeAll/afterAll hooks for one time-skipping server and one workflow bundle per test file. */
export function useTimeSkipping(): { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap } {
  const ctx = {} as { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap };
  beforeAll(async () => { [ctx.env, ctx.bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]); });
  afterAll(async () => { await ctx.env?.teardown(); });
  return ctx;
}

export type Recording = ReturnType<typeof recordingActivities>;
export interface Scenario { handle: WorkflowHandle<typeof tenantLifecycle>; started: TenantState; rec: Recording }

/**
 * One workflow scenario: a worker on its own task queue with recording activities (some may be
 * replaced), and the tenant's lifecycle started and registered, before `body` runs.
 */
export async function runScenario(suite: { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap }, tenantId: string, body: (s: Scenario) => Promise<void>, opts: { rec?: Recording; activities?: Partial<Activities> } = {}): Promise<void> {
  const rec = opts.rec ?? recordingActivities();
  const worker = await workerFor(suite.env, tenantId, { ...rec.activities, ...opts.activities }, suite.bundle);
  await worker.runUntil(async () => {
    const handle = await suite.env.client.workflow.start(tenantLifecycle, { workflowId: workflowIdOf(tenantId), taskQueue: tenantId, args: [lifecycleArgs(tenantId)] });
    const started = await handle.executeUpdate(registerUpdate, { args: [{}] });
    await body({ handle, started, rec });
  });
}
