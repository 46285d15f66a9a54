import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken, type TestRole } from '../../support/tokens.js';

// Issue 17, item 1: what PUT /billings/contact refuses. A malformed field is a 400 naming it, before
// any workflow or Stripe call; a tax id Stripe refuses (stripe-mock refuses a type outside Stripe's
// list) is 422 TAX_ID_INVALID, and the contact stays as it was; only the tenant owner, for its own tenant.
let stack: TestStack;
let tenantId: string;
beforeAll(async () => {
  stack = await startTestStack();
  tenantId = uid('contact-err-');
  await registerTenant(stack, tenantId);
});
afterAll(async () => { await stack?.close(); });

const token = (roles: TestRole[], tenant: string | undefined = tenantId) => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'user-1', ...(tenant ? { tenantId: tenant } : {}), roles }));
const GOOD = { name: 'Acme GmbH', email: 'billing@acme.test', address: { line1: 'Hauptstrasse 1', city: 'Berlin', postalCode: '10115', country: 'DE' } };
const put = (payload: object, headers: Record<string, string> = token(['tenant_owner'])) => stack.app.inject({ method: 'PUT', url: '/billings/contact', headers, payload });

describe('PUT /billings/contact refuses', () => {
  it.each([
    ['an email without a domain', { ...GOOD, email: 'billing@acme' }, 'email'],
    ['a missing email', { name: 'Acme' }, 'email'],
    ['a blank name', { ...GOOD, name: '   ' }, 'name'],
    ['an over-long address line', { ...GOOD, address: { ...GOOD.address, line1: 'x'.repeat(201) } }, 'line1'],
    ['an over-long postal code', { ...GOOD, address: { ...GOOD.address, postalCode: '9'.repeat(21) } }, 'postalCode'],
    ['a country that is not ISO 3166 alpha-2', { ...GOOD, address: { ...GOOD.address, country: 'Germany' } }, 'country'],
    ['an unassigned country code', { ...GOOD, address: { ...GOOD.address, country: 'XX' } }, 'country'],
    ['a tax id without a value', { ...GOOD, taxId: { type: 'eu_vat' } }, 'value'],
    ['an unknown field', { ...GOOD, tenantId: 'someone-else' }, 'tenantId'],
  ])('%s with 400 VALIDATION_FAILED naming the field', async (_name, payload, field) => {
    const before = await workflowState(stack, tenantId);
    const res = await put(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error)).toContain(field);
    expect((await workflowState(stack, tenantId)).version).toBe(before.version);
  });

  it('a tax id Stripe refuses with 422 TAX_ID_INVALID, leaving the contact unchanged', async () => {
    expect((await put(GOOD)).statusCode).toBe(200);
    const before = await workflowState(stack, tenantId);
    const res = await put({ ...GOOD, name: 'Renamed', taxId: { type: 'xx_vat', value: 'XX123' } });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'TAX_ID_INVALID', details: { field: 'taxId' } });
    expect(res.body).not.toContain('XX123');
    const after = await workflowState(stack, tenantId);
    expect(after).toMatchObject({ name: 'Acme GmbH', taxId: null, version: before.version });
  });

  it('a tenant user, a service and a token without a tenant', async () => {
    for (const [headers, status] of [[token(['tenant_user']), 403], [token(['service'], undefined), 403], [{}, 401]] as [Record<string, string>, number][]) {
      expect((await put(GOOD, headers)).statusCode).toBe(status);
      expect((await stack.app.inject({ method: 'GET', url: '/billings/contact', headers })).statusCode).toBe(status);
    }
  });

  it('a tenant without a lifecycle with 404 TENANT_NOT_FOUND', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/billings/contact', headers: token(['tenant_owner'], uid('nobody-')) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('TENANT_NOT_FOUND');
  });
});
