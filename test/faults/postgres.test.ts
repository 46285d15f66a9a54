import { describe, expect, inject, it } from 'vitest';
import { findTenant } from '../../db/queries/tenants.js';
import { recordScenario } from '../support/fault-results.js';
import { useFaultStack } from '../support/faults-app.js';
import { allLifecycles, api, countBy, deliverUntilAccepted, inboxRows, invoiceEventOf, lifecycleState, recordedEvents, subscribedTenants, type Answer } from '../support/faults-traffic.js';
import { runTenure } from '../support/cli.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// Postgres stopped, then Postgres recreated empty, under running lifecycles.
const fs = useFaultStack({ tag: 'postgres' });

interface UsageAnswer { allowed: boolean; used: number }

describe('Postgres stopped', () => {
  const tenants = [uid('ft-pg-a-'), uid('ft-pg-b-')];

  it('answers webhooks 503 and stores nothing, keeps consume and status on Redis, and loses nothing after', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'postgres-stopped');
    await subscribedTenants(fs, tenants);
    const [a] = tenants as [string, string];
    const consumed: Answer[] = [];
    for (let i = 0; i < 3; i++) consumed.push(await api.consume(fs, a, 'email_sends', 10, uid('before-')));

    await fs.stopService('postgres');
    rec.faults++;
    const failures = tenants.map((t) => invoiceEventOf(t, 'invoice.payment_failed', uid('evt_fail_'), uid('in_')));
    const during = await Promise.all(failures.map((f) => api.webhook(fs, f)));
    const duringConsumes: Answer[] = [];
    for (let i = 0; i < 5; i++) duringConsumes.push(await api.consume(fs, a, 'email_sends', 10, uid('during-')));
    const duringStatus = await Promise.all(tenants.map((t) => api.status(fs, t)));
    await fs.startService('postgres');

    // Stored nothing: no inbox row, and no lifecycle saw the failures.
    const storedMeanwhile = await eventually(() => inboxRows(fs, failures.map((f) => f.id)), 'Postgres answering again');
    const statesMeanwhile = await eventually(() => Promise.all(tenants.map((t) => lifecycleState(fs, t))), 'the lifecycles answering their state query');
    const after = [];
    for (const f of failures) after.push(...(await deliverUntilAccepted(fs, f)));
    await allLifecycles(fs, tenants, (s) => s.paymentStatus === 'past_due', 'every tenant past_due');
    const events = await eventually(async () => { const e = await recordedEvents(fs, tenants); return e.filter((x) => x.type === 'payment.failed').length >= tenants.length ? e : undefined; }, 'the payment.failed events');
    const usage = await api.consume(fs, a, 'email_sends', 1, uid('after-'));
    const failedPerTenant = countBy(events.filter((e) => e.type === 'payment.failed'), (e) => e.tenantId);
    rec.lost = tenants.filter((t) => failedPerTenant[t] === undefined).length + (usage.status === 200 && (usage.body as UsageAnswer).used === 81 ? 0 : 1);
    rec.duplicates = Object.values(failedPerTenant).reduce((n, c) => n + c - 1, 0);

    expect(during.map((d) => [d.status, d.retryAfter, (d.body as { error?: { code?: string } }).error?.code])).toEqual(failures.map(() => [503, expect.stringMatching(/^\d+$/), 'DEPENDENCY_UNAVAILABLE']));
    expect(storedMeanwhile).toEqual([]);
    expect(statesMeanwhile.map((s) => s.paymentStatus)).toEqual(tenants.map(() => 'active'));
    expect(consumed.map((c) => c.status)).toEqual([200, 200, 200]);
    expect(duringConsumes.map((c) => [c.status, (c.body as UsageAnswer).allowed, (c.body as UsageAnswer).used])).toEqual([40, 50, 60, 70, 80].map((used) => [200, true, used]));
    expect(duringStatus.map((s) => [s.status, (s.body as { paymentStatus?: string }).paymentStatus])).toEqual(tenants.map(() => [200, 'active']));
    expect(after.at(-1)!.status).toBe(200);
    expect(failedPerTenant).toEqual(Object.fromEntries(tenants.map((t) => [t, 1])));
    expect([usage.status, (usage.body as UsageAnswer).used]).toEqual([200, 81]);
  });
});

describe('Postgres recreated empty under running lifecycles', () => {
  const tenants = [uid('ft-pgr-a-'), uid('ft-pgr-b-'), uid('ft-pgr-c-')];

  it('answers no 500 meanwhile, and `tenure tenants reproject --all` restores every projection', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'postgres-recreated');
    await subscribedTenants(fs, tenants);
    // One tenant in dunning, so the projections differ from a fresh registration.
    await deliverUntilAccepted(fs, invoiceEventOf(tenants[0]!, 'invoice.payment_failed', uid('evt_fail_'), uid('in_')));
    await allLifecycles(fs, [tenants[0]!], (s) => s.paymentStatus === 'past_due', 'the first tenant past_due');

    await fs.recreateDatabase();
    rec.faults++;
    const meanwhile: (Answer & { what: string })[] = [];
    const probe = async () => {
      for (const t of tenants) {
        meanwhile.push({ what: `POST /tenants ${t}`, ...(await api.registerTenant(fs, t)) });
        meanwhile.push({ what: `GET status ${t}`, ...(await api.status(fs, t)) });
        meanwhile.push({ what: `GET /billings/subscription ${t}`, ...(await api.owner(fs, t, 'GET', '/billings/subscription')) });
      }
    };
    await probe();
    const cli = await runTenure(['tenants', 'reproject', '--all'], { env: { ...fs.env, LOG_LEVEL: 'silent' }, timeoutMs: 60_000 });
    await probe();

    const rows = await Promise.all(tenants.map((t) => findTenant(fs.database.db, t)));
    const states = await Promise.all(tenants.map((t) => lifecycleState(fs, t)));
    const restored = tenants.filter((_, i) => rows[i] && rows[i]!.planId === states[i]!.plan.id && rows[i]!.paymentStatus === states[i]!.paymentStatus && rows[i]!.version === states[i]!.version);
    rec.lost = tenants.length - restored.length;
    rec.duplicates = 0;
    const errors = meanwhile.filter((m) => m.status >= 500);
    rec.note(`reproject exited ${cli.code}: ${(cli.stdout + cli.stderr).trim().split('\n').slice(-2).join(' / ').slice(0, 300)}; ${errors.length} 5xx answers meanwhile${errors.length ? ` (first: ${errors[0]!.what} ${errors[0]!.status} ${JSON.stringify(errors[0]!.body).slice(0, 160)})` : ''}`);

    expect(errors).toEqual([]);
    expect(cli.code).toBe(0);
    expect(restored).toEqual(tenants);
    expect(meanwhile.filter((m) => m.what.startsWith('POST /tenants')).map((m) => [m.status, (m.body as { created?: boolean }).created])).toEqual([...tenants, ...tenants].map(() => [200, false]));
  });
});
