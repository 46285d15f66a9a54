import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { eventually } from '../../support/wait.js';

// `tenure tenants reproject --all` after Postgres lost every projection row (a database recreated
// under running lifecycles): each lifecycle of the task queue writes its row again.

let stack: TestStack;
let env: Record<string, string>;
const tenants = Array.from({ length: 4 }, (_, i) => uid(`rp${i}-`));

beforeAll(async () => {
  stack = await startTestStack();
  env = cliEnv(stack.config);
  for (const id of tenants) await registerTenant(stack, id);
  // Visibility lags a little behind the starts; --all finds lifecycles through it.
  await eventually(async () => {
    let n = 0;
    for await (const _ of stack.deps.temporal.workflow.list({ query: `TaskQueue='${stack.config.temporal.taskQueue}' AND ExecutionStatus='Running'` })) n++;
    return n === tenants.length ? n : undefined;
  }, 'the lifecycles in visibility');
});
afterAll(async () => { await stack?.close(); });

const versions = async () => Object.fromEntries((await stack.database.sql`select tenant_id, version from tenants order by tenant_id`).map((r) => [r.tenant_id as string, r.version as number]));

describe('tenure tenants reproject', () => {
  it('--all writes every lost row again from its lifecycle, with progress on stderr and a summary', async () => {
    const expected = Object.fromEntries(await Promise.all(tenants.map(async (id) => [id, (await workflowState(stack, id)).version] as const)));
    await stack.database.sql`delete from tenants`;

    const res = await runTenure(['tenants', 'reproject', '--all', '--concurrency', '3'], { env });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^reproject: 4 running lifecycle\(s\)\n\s+reprojected\s+4$/m);
    // Not a terminal: one progress line per batch (3, then 1).
    expect(res.stderr).toContain('reproject: 3/4 (reprojected 3)');
    expect(res.stderr).toContain('reproject: 4/4 (reprojected 4)');
    expect(await versions()).toEqual(expected);
  });

  it('one tenant by id, and refuses an id together with --all or neither', async () => {
    const [one] = tenants;
    await stack.database.sql`delete from tenants where tenant_id = ${one!}`;
    const res = await runTenure(['tenants', 'reproject', one!, '--json'], { env });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ tenantId: one, result: 'reprojected' });
    expect(Object.keys(await versions())).toContain(one);

    const missing = await runTenure(['tenants', 'reproject', uid('nobody-')], { env });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('no running lifecycle');
    for (const args of [['tenants', 'reproject'], ['tenants', 'reproject', one!, '--all']]) {
      const bad = await runTenure(args, { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('give either a <tenantId> or --all');
    }
  });
});
