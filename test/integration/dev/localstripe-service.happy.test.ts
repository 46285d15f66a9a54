import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, runBash } from '../../support/dev-scripts.js';
import { freePort } from '../../support/processes.js';

// dev/stack's localstripe service in a stack folder and on a port of its own: started once (a second
// `up` reuses it), holding what it is given in memory, with the Prices Tenure's
// plan sync reads; status and stop by its pid.
const stackDir = mkdtempSync(join(tmpdir(), 'tenure-localstripe-'));
let env: Record<string, string> = {};

afterAll(async () => {
  await runBash(['dev/stack', 'stop', 'localstripe'], env);
  rmSync(stackDir, { recursive: true, force: true });
});

describe('dev/stack localstripe', () => {
  it('starts once, keeps what it is given, answers Prices, and stops by pid', async () => {
    const port = await freePort();
    env = { TENURE_STACK_DIR: stackDir, TENURE_LOCALSTRIPE_PORT: String(port) };
    const up = await runBash(['dev/stack', 'up', 'localstripe'], env);
    expect(up.code, up.stderr).toBe(0);
    const pid = Number(readFileSync(join(stackDir, 'pids', 'localstripe.pid'), 'utf8'));
    expect(isRunning(pid)).toBe(true);
    const again = await runBash(['dev/stack', 'up', 'localstripe'], env);
    expect(again.stdout).toContain(`localstripe: already running (pid ${pid})`);
    expect((await runBash(['dev/stack', 'status'], env)).stdout).toMatch(new RegExp(`localstripe +up +127\\.0\\.0\\.1:${port} \\(pid ${pid}\\)`));

    const stripe = new Stripe('sk_test_tenurelocal', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    const product = await stripe.products.create({ name: 'Held' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1_500, recurring: { interval: 'month' } });
    expect((await stripe.prices.list({ product: product.id, active: true, type: 'recurring' })).data).toEqual([
      expect.objectContaining({ id: price.id, object: 'price', product: product.id, unit_amount: 1_500, type: 'recurring', recurring: expect.objectContaining({ interval: 'month', interval_count: 1 }) }),
    ]);
    expect(await stripe.products.update(product.id, { active: false })).toMatchObject({ active: false });

    const stop = await runBash(['dev/stack', 'stop', 'localstripe'], env);
    expect(stop.code, stop.stderr).toBe(0);
    expect(isRunning(pid)).toBe(false);
    expect((await runBash(['dev/stack', 'status'], env)).stdout).toMatch(new RegExp(`localstripe +down +127\\.0\\.0\\.1:${port}`));
  });
});
