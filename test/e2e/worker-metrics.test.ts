import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { freePort } from '../support/processes.js';
import { eventually } from '../support/wait.js';

// The worker's Prometheus endpoints: Tenure's lifecycle metrics, and the Temporal SDK's own.

const [workerPort, sdkPort] = [await freePort(), await freePort()];
const tenantId = uid('e2e-metrics-');
const e2e = useE2E(() => [tenantId], { WORKER_METRICS_PORT: String(workerPort), TEMPORAL_METRICS_PORT: String(sdkPort) });
const scrape = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('the worker metrics endpoints', () => {
  it('count lifecycle transitions by event type and the active trials', async () => {
    const before = await scrape(workerPort);
    expect(sample(before, 'billing_lifecycle_transitions_total{type="tenant.created"}')).toBeUndefined();
    expect(sample(before, 'active_trials_count')).toBe(0);

    const res = await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: e2e.headers(['service']), body: JSON.stringify({ tenantId }) });
    expect(res.status).toBe(201);
    const after = await eventually(async () => {
      const text = await scrape(workerPort);
      return sample(text, 'billing_lifecycle_transitions_total{type="tenant.created"}') === 1 ? text : undefined;
    }, 'tenant.created counted');
    expect(sample(after, 'active_trials_count')).toBe(1);

    await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: e2e.headers(['service']), body: JSON.stringify({ tenantId }) });
    expect(sample(await scrape(workerPort), 'billing_lifecycle_transitions_total{type="tenant.created"}')).toBe(1);
    expect((await fetch(`http://127.0.0.1:${workerPort}/other`)).status).toBe(404);
  });

  it("expose the Temporal SDK's metrics for the worker's task queue", async () => {
    const text = await scrape(sdkPort);
    expect(text).toContain('temporal_worker_task_slots_available{');
    expect(text).toMatch(/temporal_num_pollers\{[^}]*task_queue="billing-e2e-/);
  });
});
