import { fileURLToPath } from 'node:url';
import { WorkflowNotFoundError } from '@temporalio/client';
import { SearchAttributeType, TypedSearchAttributes, defineSearchAttributeKey } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleArgs } from '../../../services/lifecycle/lifecycle-args.js';
import { workflowIdOf } from '../../../workflows/messages.js';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { eventually } from '../../support/wait.js';

// `tenure backfill` starts lifecycles for imported tenant rows; `tenure replay-check` replays them.

let stack: TestStack;
let env: Record<string, string>;
const registered = uid('bf-reg-');
const imported = Array.from({ length: 5 }, (_, i) => uid(`bf-imp${i}-`));
const unpolledQueue = uid('bf-nobody-');
const TENANT_ID = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);

beforeAll(async () => {
  stack = await startTestStack();
  env = cliEnv(stack.config);
  await registerTenant(stack, registered);
  for (const id of imported) {
    // As a migration from a legacy system would write them: no workflow, version 0.
    await stack.database.sql`insert into tenants (tenant_id, name, email, status, payment_status, access, plan_id, plan_name, limits, version, state)
      values (${id}, ${`Legacy ${id}`}, ${`${id}@legacy.example`}, 'active', 'active', 'full', 'free', 'Free', '{}'::jsonb, 0, '{"legacy": true}'::jsonb)`;
  }
});
afterAll(async () => {
  await stack?.deps.temporal.workflow.getHandle(workflowIdOf(`${imported[0]}-late`)).terminate('test cleanup').catch(() => undefined);
  await stack?.close();
});

const handle = (id: string) => stack.deps.temporal.workflow.getHandle(workflowIdOf(id));
const exists = async (id: string) => handle(id).describe().then(() => true, (e: unknown) => { if (e instanceof WorkflowNotFoundError) return false; throw e; });

describe('tenure backfill', () => {
  it('reports what it would start on a dry run, and starts nothing', async () => {
    const dry = await runTenure(['backfill', '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would start\s+5/);
    expect(dry.stdout).toMatch(/already running\s+1/);
    expect(await exists(imported[0]!)).toBe(false);
  });

  it('starts a lifecycle for every imported tenant, with progress and a summary, and is idempotent', async () => {
    const first = await runTenure(['backfill', '--batch', '2'], { env });
    expect(first.code).toBe(0);
    // Not a terminal: one plain progress line per batch on stderr.
    expect(first.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^backfill: 2\/6 \(/), expect.stringMatching(/^backfill: 4\/6 \(/), expect.stringMatching(/^backfill: 6\/6 \(started 5, running 1\)$/),
    ]);
    expect(first.stdout).toContain('backfill: 6 tenant(s) checked');
    expect(first.stdout).toMatch(/started\s+5/);
    for (const id of imported) expect(await exists(id)).toBe(true);
    // The workflow took over the imported row: it now carries the lifecycle (a trial) and a version.
    const rows = await eventually(async () => {
      const r = await stack.database.sql`select tenant_id, version, plan_id, trial_ends_at, name from tenants where tenant_id in ${stack.database.sql(imported)}`;
      return r.every((x) => Number(x.version) >= 1) ? r : undefined;
    }, 'projections written by the new workflows');
    expect(rows.map((r) => r.plan_id)).toEqual(imported.map(() => 'starter'));
    expect(rows.find((r) => r.tenant_id === imported[0])!.name).toBe(`Legacy ${imported[0]}`);

    const second = await runTenure(['backfill', '--json'], { env });
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout) as { counts: Record<string, number>; outcomes: { tenantId: string; result: string }[] };
    expect(summary.counts).toMatchObject({ started: 0, running: 6, failed: 0 });
  });

  it('leaves closed workflows alone and reports failures with their reason', async () => {
    await handle(imported[1]!).terminate('operator test');
    const late = `${imported[0]}-late`;
    await stack.database.sql`insert into tenants (tenant_id, status, payment_status, access, plan_id, plan_name, limits, version, state)
      values (${late}, 'active', 'active', 'full', 'free', 'Free', '{}'::jsonb, 0, '{}'::jsonb)`;
    // No worker polls this queue, so the start is never answered.
    const res = await runTenure(['backfill', '--timeout', '2'], { env: { ...env, TEMPORAL_TASK_QUEUE: unpolledQueue } });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/failed\s+1/);
    expect(res.stdout).toContain(`- ${late}: failed: no answer within 2s: is a worker polling task queue '${unpolledQueue}'?`);
    expect(res.stdout).toContain(`- ${imported[1]}: closed (left alone): terminated`);
  });
});

describe('tenure replay-check', () => {
  it('replays the histories of current workflows without non-determinism', async () => {
    const ids = [registered, ...imported];
    const query = `TenantId IN (${ids.map((id) => `'${id}'`).join(', ')})`;
    await eventually(async () => {
      let n = 0;
      for await (const _ of stack.deps.temporal.workflow.list({ query })) n++;
      return n >= ids.length ? n : undefined;
    }, 'the workflows in visibility');
    const res = await runTenure(['replay-check', '--query', query, '--limit', '20'], { env });
    expect(res.stderr).toContain(`replaying ${ids.length} run(s) matching: WorkflowType='tenantLifecycle' AND (${query})`);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').filter((l) => l.startsWith('ok'))).toHaveLength(ids.length);
    expect(res.stdout).toContain(`${ids.length} run(s) replayed, 0 failed`);

    const json = JSON.parse((await runTenure(['replay-check', '--query', `TenantId='${registered}'`, '--json'], { env })).stdout) as { checked: number; failed: number; outcomes: { workflowId: string; ok: boolean }[] };
    expect(json).toMatchObject({ checked: 1, failed: 0, outcomes: [{ workflowId: workflowIdOf(registered), ok: true }] });
  });
});

describe('tenure replay-check on a history the current code cannot replay', () => {
  it('names the run and exits 1', async () => {
    const tenantId = uid('bf-divergent-');
    const taskQueue = uid('divergent-');
    const connection = await NativeConnection.connect({ address: stack.config.temporal.address });
    const worker = await Worker.create({
      connection,
      taskQueue, workflowsPath: fileURLToPath(new URL('../../fixtures/workflows/divergent-lifecycle.ts', import.meta.url)),
    });
    const args = await lifecycleArgs(stack.deps, tenantId, null, null);
    await worker.runUntil(stack.deps.temporal.workflow.execute('tenantLifecycle', {
      args: [args], taskQueue, workflowId: workflowIdOf(tenantId), typedSearchAttributes: new TypedSearchAttributes([{ key: TENANT_ID, value: tenantId }]),
    }));
    await connection.close();
    await eventually(async () => {
      for await (const wf of stack.deps.temporal.workflow.list({ query: `TenantId='${tenantId}'` })) return wf;
      return undefined;
    }, 'the divergent run in visibility');
    const res = await runTenure(['replay-check', '--query', `TenantId='${tenantId}'`], { env });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(new RegExp(`^FAIL\\s+${workflowIdOf(tenantId)}\\s+run \\S+\\s+\\(completed\\)`, 'm'));
    expect(res.stdout).toMatch(/DeterminismViolationError|[Nn]ondetermin/);
    expect(res.stdout).not.toContain('temporalio_sdk_core');
    expect(res.stdout).toContain('1 run(s) replayed, 1 failed');
  });
});
