import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordScenario } from '../support/fault-results.js';
import { useFaultStack } from '../support/faults-app.js';
import { api, recordedEvents } from '../support/faults-traffic.js';
import { uid } from '../support/ids.js';
import { prng } from '../support/prng.js';
import { eventually } from '../support/wait.js';

// The worker is SIGKILLed 5 times while it delivers outbound webhooks to a slow receiver (each answer
// takes 300 ms, so kills land mid-delivery). Every tenant.created recorded reaches the receiver, in
// order per tenant; deduplicated by webhook-id, each arrives once; raw, at most once more per kill.
const KILLS = 5;
const fs = useFaultStack({ tag: 'webhooks', env: { WEBHOOK_POLL_INTERVAL: '2s', WEBHOOK_RETRY_INITIAL: '500ms', WEBHOOK_RETRY_MAX_INTERVAL: '2s' } });
const tenants = Array.from({ length: 12 }, (_, i) => uid(`ft-wh-${i}-`));
const received: string[] = [];
let receiverUrl = '';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => setTimeout(() => { received.push(String(req.headers['webhook-id'])); res.writeHead(200).end('ok'); }, 300));
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

describe('worker SIGKILL during webhook deliveries', () => {
  it('delivers every event, none twice to a receiver that deduplicates, at most once more per kill raw', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'webhooks-sigkill');
    const created = await api.admin(fs, 'POST', '/admin/webhook-endpoints', { url: receiverUrl, events: ['tenant.created'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rng = prng(16);
    // Registration waits on the lifecycle's first step: while the worker is down it may answer 503; retried, as a caller would.
    const register = async (t: string) => {
      for (let i = 0; i < 60; i++) {
        const a = await api.registerTenant(fs, t).catch(() => ({ status: 0 }));
        if (a.status === 201 || a.status === 200) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`registering ${t} never succeeded`);
    };
    const registering = (async () => { for (const t of tenants) { await register(t); await new Promise((r) => setTimeout(r, 150)); } })();
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 400 + Math.floor(rng() * 900)));
      await fs.worker.kill('SIGKILL');
      rec.faults++;
      await fs.worker.start();
    }
    await registering;
    const expected = (await recordedEvents(fs, tenants)).filter((e) => e.type === 'tenant.created').map((e) => e.id);
    expect(expected).toHaveLength(tenants.length);
    await eventually(async () => (expected.every((id) => received.includes(id)) ? true : undefined), 'every tenant.created at the receiver', 120_000, 500);
    await new Promise((r) => setTimeout(r, 3_000));
    const unique = [...new Set(received)];
    rec.lost = expected.filter((id) => !unique.includes(id)).length;
    rec.duplicates = unique.length - expected.length;
    rec.note(`raw repeats (the event in flight at a kill, sent again with its webhook-id): ${received.length - unique.length}`);
    expect(unique.sort()).toEqual([...expected].sort());
    expect(received.length - unique.length).toBeLessThanOrEqual(KILLS);
    // In the order recorded: the first arrival of each id follows billing_events' order.
    expect(received.filter((id, i) => received.indexOf(id) === i)).toEqual(expected);
  }, 240_000);
});
