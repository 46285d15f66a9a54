import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Issue 17: a tax id reaches Stripe, the state and the projection, never the logs (at debug level,
// accepted or refused by Stripe), and neither does the bearer token that carried it.
let stack: TestStack;
const lines: string[] = [];
beforeAll(async () => {
  stack = await startTestStack({ env: { LOG_LEVEL: 'debug' }, logStream: { write: (line) => void lines.push(line) } });
});
afterAll(async () => { await stack?.close(); });

describe('the billing contact in the logs', () => {
  it('names neither the tax id nor the token, for an accepted and a refused tax id', async () => {
    const tenantId = uid('contact-log-');
    await registerTenant(stack, tenantId);
    const token = signToken(stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] });
    const put = (taxId: object) => stack.app.inject({ method: 'PUT', url: '/billings/contact', headers: bearer(token), payload: { name: 'Acme GmbH', email: 'billing@acme.test', taxId } });
    expect((await put({ type: 'eu_vat', value: 'DE555000111' })).statusCode).toBe(200);
    expect((await put({ type: 'xx_vat', value: 'XX999000222' })).statusCode).toBe(422);
    const logs = lines.join('');
    expect(logs).toContain(tenantId);
    for (const secret of ['DE555000111', 'XX999000222', token]) expect(logs).not.toContain(secret);
  });
});
