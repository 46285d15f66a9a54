import { describe, expect, inject, it } from 'vitest';
import { recordScenario } from '../support/fault-results.js';
import { useFaultStack } from '../support/faults-app.js';
import { api, countBy, deliveryReport, drainedEvents, invoiceEventOf, publishedEvents, recordedEvents, statusOf, subscribedTenants } from '../support/faults-traffic.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// Kafka stopped for 30 s while lifecycles run (and the API, killed meanwhile, starts again without
// it): registering a tenant still answers within 2 s, the
// dunning ladder (restricted after 8 s, locked after 16 s) moves on time during the outage, and once
// Kafka is back every recorded event reaches billing.events once, in order per tenant.
const OUTAGE_MS = 30_000;
const RESTRICT_S = 8;
const LOCK_S = 16;
/** How late a deadline may be applied: the workflow timer plus the activities that record it. */
const ON_TIME_MS = 3_000;
const fs = useFaultStack({ tag: 'kafka', env: { DUNNING_RESTRICT_AFTER: `${RESTRICT_S}s`, DUNNING_LOCK_AFTER: `${LOCK_S}s` } });
const dunned = [uid('ft-kfk-a-'), uid('ft-kfk-b-')];
const registeredDuringOutage = [uid('ft-kfk-new-a-'), uid('ft-kfk-new-b-'), uid('ft-kfk-new-c-')];

describe('Kafka stopped for 30 s', () => {
  it('keeps registering and dunning on time, then delivers every event once, in order', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'kafka-stopped');
    await subscribedTenants(fs, dunned);
    await fs.stopService('kafka');
    const stoppedAt = Date.now();
    rec.faults++;

    // The API crashes during the outage and must start again without Kafka.
    await fs.api.kill('SIGKILL');
    rec.faults++;
    await fs.api.start();
    const registrations = [];
    for (const t of registeredDuringOutage) registrations.push(await api.registerTenant(fs, t));
    const failedAt = Date.now();
    const failures = dunned.map((t) => invoiceEventOf(t, 'invoice.payment_failed', uid('evt_fail_'), uid('in_'), failedAt));
    const delivered = await Promise.all(failures.map((f) => api.webhook(fs, f)));
    // The ladder is anchored on the failure's `created` (whole seconds).
    const anchor = Math.floor(failedAt / 1000) * 1000;
    for (const t of dunned) await eventually(async () => ((await statusOf(fs, t)).paymentStatus === 'locked' ? true : undefined), `${t} locked`, (LOCK_S + 10) * 1000);
    const lockedDuringOutage = Date.now() < stoppedAt + OUTAGE_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, stoppedAt + OUTAGE_MS - Date.now())));
    await fs.startService('kafka');

    const all = [...dunned, ...registeredDuringOutage];
    const recorded = await drainedEvents(fs, all, 90_000);
    const published = await publishedEvents(fs, all);
    const delivery = deliveryReport(recorded, published);
    rec.lost = delivery.lost;
    rec.duplicates = delivery.duplicates;
    const ladder = (await recordedEvents(fs, dunned)).filter((e) => e.type === 'tenant.restricted' || e.type === 'tenant.locked');
    const lateness = ladder.map((e) => ({ tenantId: e.tenantId, type: e.type, lateMs: e.recordedAt.getTime() - (anchor + (e.type === 'tenant.restricted' ? RESTRICT_S : LOCK_S) * 1000) }));
    rec.note(`POST /tenants answered in ${registrations.map((r) => r.ms).join(', ')} ms; ladder applied ${lateness.map((l) => `${l.type} +${l.lateMs}ms`).join(', ')} after its deadline; ${published.length} events published after the outage`);

    expect(registrations.map((r) => r.status)).toEqual(registeredDuringOutage.map(() => 201));
    expect(registrations.filter((r) => r.ms >= 2_000)).toEqual([]);
    expect(delivered.map((d) => d.status)).toEqual(dunned.map(() => 200));
    expect(lockedDuringOutage).toBe(true);
    // Each rung once per tenant (restricted, then locked), each applied on time.
    expect(countBy(ladder, (e) => `${e.tenantId} ${e.type}`)).toEqual(Object.fromEntries(dunned.flatMap((t) => [[`${t} tenant.restricted`, 1], [`${t} tenant.locked`, 1]])));
    expect(lateness.filter((l) => l.lateMs < 0 || l.lateMs > ON_TIME_MS)).toEqual([]);
    expect(delivery.lost).toBe(0);
    expect(delivery.duplicates).toBe(0);
    expect(delivery.publishedOrder).toEqual(delivery.recordedOrder);
    for (const t of registeredDuringOutage) expect(published.filter((e) => e.tenantId === t).map((e) => e.type)).toContain('tenant.created');
  });
});
