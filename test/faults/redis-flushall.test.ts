import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { tenantUsage } from '../../db/schema/index.js';
import { recordScenario } from '../support/fault-results.js';
import { useFaultStack } from '../support/faults-app.js';
import { api, registerTenants, synced, type Answer } from '../support/faults-traffic.js';
import { uid } from '../support/ids.js';

// Redis FLUSHALL while consumes stream in, then a workflow step (an admin trial extension, which
// writes the tenant's enforcement keys). The counters come back from the record (the daily
// snapshot in tenant_usage), the limits still hold, and the next snapshot keeps the record.
const fs = useFaultStack({ tag: 'redis' });
const [tenant, busy] = [uid('ft-rds-a-'), uid('ft-rds-b-')];
const COUNTED = ['seats', 'campaigns', 'email_sends'] as const;

interface UsageView { metrics: Record<string, { used: number | null; limit: number | null }> }

async function snapshot(): Promise<Record<string, number>> {
  await fs.temporal.workflow.execute('dailyUsageSnapshot', { taskQueue: fs.config.temporal.taskQueue, workflowId: uid('faults-snapshot-'), args: [] });
  const rows = await fs.database.db.select().from(tenantUsage).where(and(eq(tenantUsage.tenantId, tenant), eq(tenantUsage.kind, 'daily'), inArray(tenantUsage.metric, [...COUNTED])));
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}
const used = async (): Promise<Record<string, number | null>> => {
  const view = (await api.usage(fs, tenant)).body as UsageView;
  return Object.fromEntries(COUNTED.map((m) => [m, view.metrics[m]!.used]));
};

describe('Redis FLUSHALL under traffic', () => {
  it('restores the counters from the record at the next workflow step, keeps the limits, and the next snapshot keeps the record', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'redis-flushall');
    await registerTenants(fs, [tenant, busy]);
    await synced(fs, [tenant, busy]);
    // Starter (trial) limits: 3 seats, 3 campaigns, 5000 email sends.
    for (const [metric, amount] of [['seats', 2], ['campaigns', 3], ['email_sends', 120]] as const) {
      expect((await api.consume(fs, tenant, metric, amount, uid('seed-'))).status).toBe(200);
    }
    const record = await snapshot();

    // Traffic on another tenant while Redis is flushed.
    let flowing = true;
    const traffic: Answer[] = [];
    const flow = (async () => { while (flowing) traffic.push(await api.consume(fs, busy, 'email_sends', 1, uid('busy-'))); })();
    await new Promise((r) => setTimeout(r, 300));
    await fs.redis.flushall();
    rec.faults++;
    await new Promise((r) => setTimeout(r, 300));
    flowing = false;
    await flow;

    const step = await api.admin(fs, 'POST', `/admin/tenants/${tenant}/trial/extend`, { days: 1, reason: 'fault tier' });
    await synced(fs, [tenant]);
    const restored = await used();
    const thirdSeat = await api.consume(fs, tenant, 'seats', 1, uid('seat-'));
    const fourthSeat = await api.consume(fs, tenant, 'seats', 1, uid('seat-'));
    const fourthCampaign = await api.consume(fs, tenant, 'campaigns', 1, uid('campaign-'));
    const next = await snapshot();
    rec.lost = COUNTED.filter((m) => restored[m] !== record[m]).length;
    rec.duplicates = COUNTED.filter((m) => (restored[m] ?? 0) > record[m]!).length;
    rec.note(`record ${JSON.stringify(record)}; after FLUSHALL and the step ${JSON.stringify(restored)}; next snapshot ${JSON.stringify(next)}; ${traffic.length} consumes on another tenant meanwhile (${traffic.filter((t) => t.status >= 500).length} 5xx)`);

    expect(record).toEqual({ seats: 2, campaigns: 3, email_sends: 120 });
    expect(step.status).toBe(200);
    expect(traffic.filter((t) => t.status >= 500)).toEqual([]);
    expect(restored).toEqual(record);
    expect([thirdSeat.status, fourthSeat.status, fourthCampaign.status]).toEqual([200, 402, 402]);
    expect(next).toEqual({ seats: 3, campaigns: 3, email_sends: 120 });
  });
});
