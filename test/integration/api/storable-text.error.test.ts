import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowIdOf } from '../../../workflows/messages.js';
import { uid } from '../../support/ids.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { bearer, signToken } from '../../support/tokens.js';
import { adminHeaders, planBody } from '../plans/plan-helpers.js';

// Postgres cannot store U+0000 in text or jsonb, and a lone surrogate is not text at all: such
// input is refused at the boundary, on every route, before it reaches a service or a workflow.
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc-text', roles: ['service'] }));
const workflowExists = async (tenantId: string) => stack.deps.temporal.workflow.getHandle(workflowIdOf(tenantId)).describe().then(() => true, () => false);

describe('text Postgres cannot store', () => {
  it('refuses a NUL in a tenant name with 400, naming the field, and starts no workflow', async () => {
    const tenantId = uid('nul-');
    const res = await stack.app.inject({ method: 'POST', url: '/tenants', payload: `{"tenantId":"${tenantId}","name":"Bad\\u0000Name"}`, headers: { ...service(), 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { location: 'body', path: '/name' } });
    expect(await workflowExists(tenantId)).toBe(false);
    expect((await stack.database.sql`select count(*)::int as n from tenants where tenant_id = ${tenantId}`)[0]!.n).toBe(0);
  });

  it('refuses a lone surrogate in a tenant name', async () => {
    const tenantId = uid('sur-');
    const res = await stack.app.inject({ method: 'POST', url: '/tenants', payload: `{"tenantId":"${tenantId}","name":"half \\ud800 a pair"}`, headers: { ...service(), 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { location: 'body', path: '/name' } });
    expect(await workflowExists(tenantId)).toBe(false);
  });

  it('refuses a NUL in a plan feature with 400, not 500', async () => {
    const res = await stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(stack), payload: planBody('nul-plan', { features: ['sso', 'a\u0000b'] }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { location: 'body', path: '/features/1' } });
    expect((await stack.app.inject({ method: 'GET', url: '/admin/plans/nul-plan', headers: adminHeaders(stack) })).statusCode).toBe(404);
  });

  it('refuses a NUL in a path parameter and in a query string', async () => {
    const path = await stack.app.inject({ method: 'GET', url: '/admin/plans/a%00b', headers: adminHeaders(stack) });
    expect(path.statusCode).toBe(400);
    expect(path.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { location: 'params', path: '/id' } });
    const query = await stack.app.inject({ method: 'GET', url: '/admin/tenants?plan=a%00b', headers: adminHeaders(stack) });
    expect(query.statusCode).toBe(400);
    expect(query.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { location: 'querystring', path: '/plan' } });
  });

  it('stores a signed Stripe event carrying a NUL, with the NUL replaced, instead of failing the delivery', async () => {
    const event = stripeEvent(uid('evt_'), 'customer.subscription.updated', { ...subscriptionObject({ tenantId: uid('ghost-') }), description: 'a\u0000b' });
    const { payload, headers } = signed(event, stack.config.stripe.webhookSecret);
    const res = await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload, headers });
    expect(res.statusCode).toBe(200);
    const rows = await stack.database.sql`select payload->'data'->'object'->>'description' as d from stripe_events where id = ${event.id}`;
    expect(rows[0]!.d).toBe('a\uFFFDb');
  });
});
