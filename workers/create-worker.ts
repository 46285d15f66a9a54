import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import type { BillingActivities } from '../workflows/activity-contract.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflow code once; tests reuse the bundle across workers. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
}

export interface BillingWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** The clients the activities use (the real activities are built from them), or activities given as they are (tests). */
  activities: ActivityDeps | { given: Partial<BillingActivities> };
  workflowBundle?: WorkflowBundleWithSourceMap;
  /**
   * After shutdown() the worker polls no more and running activities have this long to finish
   * (WORKER_SHUTDOWN_GRACE); then they are cancelled, and FORCE_AFTER_GRACE_MS later run() gives up.
   * Unset: Temporal's default (activities are waited for without a limit).
   */
  shutdownGraceMs?: number;
}

/** How long past the grace period a worker whose activities ignore their cancellation keeps waiting for them. */
export const FORCE_AFTER_GRACE_MS = 5_000;

/**
 * Creates the billing worker: the lifecycle workflow plus its activities. This is the one place the
 * activities are registered, so entry points hand over clients and never reach into activities/.
 */
export async function createBillingWorker(opts: BillingWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: 'given' in opts.activities ? opts.activities.given : createActivities(opts.activities),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
    ...(opts.shutdownGraceMs === undefined ? {} : { shutdownGraceTime: opts.shutdownGraceMs, shutdownForceTime: opts.shutdownGraceMs + FORCE_AFTER_GRACE_MS }),
  });
}
