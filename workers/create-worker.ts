import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import type { BillingActivities } from '../workflows/activity-contract.js';

// From source the workflows are workflows/index.ts; compiled (dist/, `npm run build`) they are index.js,
// and the build leaves their prebuilt bundle beside them.
const COMPILED = import.meta.url.endsWith('.js');
export const WORKFLOWS_PATH = fileURLToPath(new URL(`../workflows/index.${COMPILED ? 'js' : 'ts'}`, import.meta.url));
export const PREBUILT_BUNDLE_PATH = fileURLToPath(new URL('../workflows/workflow-bundle.js', import.meta.url));

/** The prebuilt workflow bundle's path when this is the compiled code and the build wrote one, else null (bundled at start). */
export function prebuiltWorkflowBundle(): string | null {
  return COMPILED && existsSync(PREBUILT_BUNDLE_PATH) ? PREBUILT_BUNDLE_PATH : null;
}

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
  /** A bundle built already (tests reuse one); without it, the prebuilt bundle file when there is one, else the workflows are bundled at start. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /**
   * After shutdown() the worker polls no more and running activities have this long to finish
   * (WORKER_SHUTDOWN_GRACE); then they are cancelled, and FORCE_AFTER_GRACE_MS later run() gives up.
   * Unset: Temporal's default (activities are waited for without a limit).
   */
  shutdownGraceMs?: number;
}

function workflowCode(given: WorkflowBundleWithSourceMap | undefined): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (given) return { workflowBundle: given };
  const prebuilt = prebuiltWorkflowBundle();
  return prebuilt ? { workflowBundle: { codePath: prebuilt } } : { workflowsPath: WORKFLOWS_PATH };
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
    ...workflowCode(opts.workflowBundle),
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
    ...(opts.shutdownGraceMs === undefined ? {} : { shutdownGraceTime: opts.shutdownGraceMs, shutdownForceTime: opts.shutdownGraceMs + FORCE_AFTER_GRACE_MS }),
  });
}
