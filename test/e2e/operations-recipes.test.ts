import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TenantStatusView } from '../../services/usage/read-tenant-status.js';
import type { TenantState } from '../../domain/lifecycle/index.js';
import { attentionQuery, stateQuery, workflowIdOf } from '../../workflows/messages.js';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// The `temporal` CLI recipes of docs/operations.md, run exactly as written there (tenant id and
// address substituted) against the dev server, so the documentation cannot drift from the workflow.

const run = promisify(execFile);
const DOC = fileURLToPath(new URL('../../docs/operations.md', import.meta.url));
const DOC_ADDRESS = '127.0.0.1:7233';

/** Every ```sh block of the doc whose first line is `# recipe: <name>`, in document order. */
function extractRecipes(markdown: string): { name: string; command: string }[] {
  return [...markdown.matchAll(/```sh\n# recipe: ([a-z-]+)\n([\s\S]*?)```/g)].map((m) => ({ name: m[1]!, command: m[2]!.trim() }));
}

const goBin = (() => { try { return `${execFileSync('go', ['env', 'GOPATH']).toString().trim()}/bin`; } catch { return ''; } })();
const tenantId = uid('e2e-ops-');
// Closing is final: the close and erase recipes run on a tenant of their own, in document order.
const closingTenantId = uid('e2e-close-');
const OWN_TENANT: Record<string, string> = { close: closingTenantId, erase: closingTenantId };
const e2e = useE2E(() => [tenantId, closingTenantId]);
const headers = () => e2e.headers(['service']);
const status = async () => (await (await fetch(`${e2e.tenure.baseUrl}/internal/tenants/${tenantId}/status`, { headers: headers() })).json()) as TenantStatusView;
const state = () => e2e.temporal.workflow.getHandle(workflowIdOf(tenantId)).query(stateQuery);
const statusWhere = (pred: (s: TenantStatusView) => boolean, what: string) => eventually(async () => { const s = await status(); return pred(s) ? s : undefined; }, what, 15_000);
const stateWhere = (pred: (s: TenantState) => boolean, what: string) => eventually(async () => { const s = await state(); return pred(s) ? s : undefined; }, what, 15_000);

const projectionVersion = async () => ((await e2e.database.sql`select version from tenants where tenant_id = ${tenantId}`)[0]?.version as number | undefined) ?? null;

const DAY = 86_400_000;
let trialEndsAt = 0;

/** What each recipe must visibly do; a recipe without an entry here fails the test. */
const EXPECTATIONS: Record<string, (stdout: string) => Promise<unknown>> = {
  'list-by-tenant': async (out) => expect(out).toContain(workflowIdOf(tenantId)),
  'query-state': async (out) => expect(JSON.parse(out)).toMatchObject({ queryResult: [{ tenantId, status: 'active' }] }),
  lock: async () => expect(await statusWhere((s) => s.status === 'locked', 'locked')).toMatchObject({ status: 'locked', access: 'none' }),
  unlock: async () => expect(await statusWhere((s) => s.status === 'active', 'unlocked')).toMatchObject({ status: 'active', access: 'full' }),
  suspend: async () => expect(await statusWhere((s) => s.status === 'suspended', 'suspended')).toMatchObject({ access: 'none' }),
  unsuspend: async () => expect((await statusWhere((s) => s.status === 'active', 'unsuspended')).access).toBe('full'),
  'extend-trial': async () => {
    const s = await statusWhere((x) => Date.parse(x.trial!.endsAt) > trialEndsAt, 'the trial extended');
    expect(Date.parse(s.trial!.endsAt) - trialEndsAt).toBe(7 * DAY);
  },
  'override-limits': async () => expect((await statusWhere((s) => s.limits.campaigns === 10, 'the limits overridden')).limits).toMatchObject({ campaigns: 10, seats: null }),
  'set-override': async () => expect((await statusWhere((s) => s.features.advanced_analytics === true, 'the feature overridden on')).features).toEqual({ advanced_analytics: true }),
  'remove-override': async () => expect((await statusWhere((s) => s.features.advanced_analytics === undefined, 'the override removed')).features).toEqual({}),
  'apply-discount': async () => expect((await stateWhere((s) => s.discount !== null, 'the discount recorded')).discount?.couponId).toBe('SPRING25'),
  'signal-suspend': async () => expect((await statusWhere((s) => s.status === 'suspended', 'suspended by signal')).access).toBe('none'),
  'signal-unsuspend': async () => expect((await statusWhere((s) => s.status === 'active', 'unsuspended by signal')).access).toBe('full'),
  // A healthy tenant: not listed, nothing held back, and a repair leaves it so.
  'list-needs-attention': async (out) => expect(out).not.toContain(workflowIdOf(tenantId)),
  // The CLI prints a null result as its raw payload: no data, encoding binary/null.
  'query-attention': async (out) => expect(JSON.parse(out)).toEqual({ queryResult: [{ metadata: { encoding: Buffer.from('binary/null').toString('base64') } }] }),
  repair: async () => expect(await e2e.temporal.workflow.getHandle(workflowIdOf(tenantId)).query(attentionQuery)).toBeNull(),
  reproject: async () => expect(await projectionVersion()).toBe((await state()).version),
  close: async () => {
    const closed = await eventually(async () => {
      const [row] = await e2e.database.sql`select status, access from tenants where tenant_id = ${closingTenantId}`;
      return row?.status === 'closed' ? row : undefined;
    }, 'the account closed', 15_000);
    expect(closed.access).toBe('none');
    await eventually(async () => ((await e2e.temporal.workflow.getHandle(workflowIdOf(closingTenantId)).describe()).status.name === 'COMPLETED' ? true : undefined), 'the lifecycle completed', 15_000);
  },
  erase: async (out) => {
    expect(out).toContain(`erased ${closingTenantId}`);
    const [row] = await e2e.database.sql`select email from tenants where tenant_id = ${closingTenantId}`;
    expect(row?.email).toBeNull();
  },
};

/** What must hold before a recipe runs, so its expectation can fail. */
const BEFORE: Record<string, () => Promise<unknown>> = {
  reproject: async () => {
    await e2e.database.sql`delete from tenants where tenant_id = ${tenantId}`;
    expect(await projectionVersion()).toBeNull();
  },
};

describe('docs/operations.md temporal CLI recipes', () => {
  const recipes = extractRecipes(readFileSync(DOC, 'utf8'));

  it('documents a tested recipe for every override, lock and unlock included', () => {
    expect(recipes.map((r) => r.name).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    for (const r of recipes.filter((x) => !['list-by-tenant', 'query-state', 'list-needs-attention', 'erase'].includes(x.name))) {
      expect(r.command, r.name).toContain(`--workflow-id 'tenant:<tenant-id>'`);
    }
  });

  it('each recipe, run as written, changes the tenant as documented', async () => {
    const res = await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: headers(), body: JSON.stringify({ tenantId }) });
    expect(res.status).toBe(201);
    const closing = await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: headers(), body: JSON.stringify({ tenantId: closingTenantId, email: 'owner@closing.test' }) });
    expect(closing.status).toBe(201);
    trialEndsAt = Date.parse((await status()).trial!.endsAt);
    await eventually(async () => {
      for await (const wf of e2e.temporal.workflow.list({ query: `TenantId='${tenantId}'` })) return wf;
      return undefined;
    }, 'the workflow in visibility');
    for (const recipe of recipes) {
      await BEFORE[recipe.name]?.();
      const command = recipe.command.replaceAll('<tenant-id>', OWN_TENANT[recipe.name] ?? tenantId).replaceAll(DOC_ADDRESS, e2e.config.temporal.address);
      // The `tenure` CLI recipes read the same database as the app under test.
      const env = { ...process.env, PATH: `${goBin}:${process.env.PATH ?? ''}`, DATABASE_URL: e2e.database.url, LOG_LEVEL: 'silent' };
      const { stdout } = await run('bash', ['-c', command], { env }).catch((err: Error & { stderr?: string }) => {
        throw new Error(`recipe '${recipe.name}' failed: ${err.message}\n${err.stderr ?? ''}`);
      });
      await EXPECTATIONS[recipe.name]!(stdout);
    }
  });
});
