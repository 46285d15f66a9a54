import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPlansFromStripe } from '../../../services/plans/sync-plans.js';
import { createStripe } from '../../../config/clients.js';
import { testConfig } from '../../support/config.js';
import { freePort } from '../../support/processes.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

describe('plan sync failures', () => {
  it('reports an unreachable Stripe as a retryable DEPENDENCY_UNAVAILABLE and changes nothing', async () => {
    const deadStripe = createStripe(testConfig({ STRIPE_API_BASE: `http://127.0.0.1:${await freePort()}` }));
    const before = await stack.database.sql`select id, is_active, price_monthly_cents from plans order by id`;
    const failure = await syncPlansFromStripe({ ...stack.deps, stripe: deadStripe }).then(() => null, (err: unknown) => err);
    expect(failure).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: true, status: 503 });
    expect(await stack.database.sql`select id, is_active, price_monthly_cents from plans order by id`).toEqual(before);
  });
});
