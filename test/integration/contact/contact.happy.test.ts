import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../support/config.js';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startStripeFaultProxy, type StripeFaultProxy } from '../../support/stripe-fault-proxy.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Issue 17, item 1: the tenant owner's billing contact reaches the Stripe customer (seen here in the
// requests stripe-mock receives, through a recording proxy), the lifecycle's state, the projection and
// the audit log (tenant.contact_updated), and GET answers it back.
let proxy: StripeFaultProxy;
let stack: TestStack;
beforeAll(async () => {
  proxy = await startStripeFaultProxy(testConfig().stripe.apiBase ?? 'http://127.0.0.1:12111');
  stack = await startTestStack({ env: { STRIPE_API_BASE: proxy.url } });
});
afterAll(async () => { await stack?.close(); await proxy?.close(); });
beforeEach(() => proxy.clear());

const owner = (tenantId: string) => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] }));
const CONTACT = {
  name: 'Acme GmbH',
  email: 'billing@acme.test',
  address: { line1: 'Hauptstrasse 1', line2: null, city: 'Berlin', postalCode: '10115', state: null, country: 'DE' },
  // Not stripe-mock's own fixture (eu_vat DE123456789), which its tax id list always answers.
  taxId: { type: 'eu_vat', value: 'DE987654321' },
};
const put = (tenantId: string, payload: object) => stack.app.inject({ method: 'PUT', url: '/billings/contact', headers: owner(tenantId), payload });
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('PUT /billings/contact', () => {
  it('updates the Stripe customer with an idempotency key, the state, the projection and publishes tenant.contact_updated', async () => {
    const tenantId = uid('contact-');
    await registerTenant(stack, tenantId);
    const res = await put(tenantId, CONTACT);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(CONTACT);

    // No customer yet: it is created once, then updated with the contact; the tax id is added.
    const created = proxy.seen.filter((r) => r.method === 'POST' && r.path === '/v1/customers');
    expect(created).toHaveLength(1);
    const update = proxy.seen.find((r) => r.method === 'POST' && /^\/v1\/customers\/[^/]+$/.test(r.path));
    expect(update).toBeDefined();
    expect(form(update!.body)).toMatchObject({
      name: 'Acme GmbH', email: 'billing@acme.test', 'address[line1]': 'Hauptstrasse 1', 'address[city]': 'Berlin', 'address[postal_code]': '10115', 'address[country]': 'DE',
    });
    expect(update!.idempotencyKey).toMatch(new RegExp(`^tenant:${tenantId}:updateContact:v\\d+:[0-9a-f]+:customer$`));
    const taxId = proxy.seen.find((r) => r.method === 'POST' && /^\/v1\/customers\/[^/]+\/tax_ids$/.test(r.path));
    expect(form(taxId!.body)).toEqual({ type: 'eu_vat', value: 'DE987654321' });
    expect(taxId!.idempotencyKey).toMatch(/:tax-id$/);
    // The tax id the customer had before (stripe-mock's fixture) is removed.
    expect(proxy.seen.some((r) => r.method === 'DELETE' && /^\/v1\/customers\/[^/]+\/tax_ids\/[^/]+$/.test(r.path))).toBe(true);

    const state = await workflowState(stack, tenantId);
    expect(state).toMatchObject({ name: 'Acme GmbH', email: 'billing@acme.test', address: CONTACT.address, taxId: CONTACT.taxId });
    expect(state.stripe.customerId).toMatch(/^cus_/);
    const [row] = await stack.database.sql`select name, email, billing_address, tax_id from tenants where tenant_id = ${tenantId}`;
    expect(row).toEqual({ name: 'Acme GmbH', email: 'billing@acme.test', billing_address: CONTACT.address, tax_id: CONTACT.taxId });
    const events = await stack.database.sql`select id, data from billing_events where tenant_id = ${tenantId} and type = 'tenant.contact_updated'`;
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual(CONTACT);

    const read = await stack.app.inject({ method: 'GET', url: '/billings/contact', headers: owner(tenantId) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(CONTACT);
  });

  it('a contact without address or tax id clears them on the customer and in the state', async () => {
    const tenantId = uid('contact-');
    await registerTenant(stack, tenantId);
    expect((await put(tenantId, CONTACT)).statusCode).toBe(200);
    proxy.clear();
    const res = await put(tenantId, { name: 'Acme', email: 'ops@acme.test' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ name: 'Acme', email: 'ops@acme.test', address: null, taxId: null });
    const update = proxy.seen.find((r) => r.method === 'POST' && /^\/v1\/customers\/[^/]+$/.test(r.path));
    expect(form(update!.body)).toMatchObject({ name: 'Acme', email: 'ops@acme.test', address: '' });
    expect(proxy.seen.some((r) => r.method === 'POST' && r.path === '/v1/customers')).toBe(false);
    expect(proxy.seen.some((r) => r.method === 'DELETE' && /\/tax_ids\//.test(r.path))).toBe(true);
    const events = await stack.database.sql`select id from billing_events where tenant_id = ${tenantId} and type = 'tenant.contact_updated'`;
    expect(events).toHaveLength(2);
  });

  it('GET answers the registration contact before any change', async () => {
    const tenantId = uid('contact-');
    await registerTenant(stack, tenantId);
    const state = await workflowState(stack, tenantId);
    const read = await stack.app.inject({ method: 'GET', url: '/billings/contact', headers: owner(tenantId) });
    expect(read.json()).toEqual({ name: state.name, email: state.email, address: null, taxId: null });
  });
});
