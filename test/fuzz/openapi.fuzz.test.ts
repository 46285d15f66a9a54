import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../domain/errors.js';
import { fuzzRequest, operationsOf, prng, type Operation } from '../support/fuzz.js';
import { uid } from '../support/ids.js';
import { registerTenant } from '../support/lifecycle.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { bearer, signToken, type TestRole } from '../support/tokens.js';

// The fuzz tier: requests generated from /openapi.json for every operation, as each caller (no
// token, tenant owner, service, platform admin), valid-ish and damaged. Whatever comes in, the API
// answers no 5xx, every 4xx in the error envelope with a code of the closed set, and only statuses
// the operation documents. Seeded (FUZZ_SEED to explore others) and bounded in count.
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_010);
const PER_OPERATION_AND_ROLE = Number(process.env.FUZZ_REQUESTS ?? 8);
const ROLES: (TestRole | 'anonymous')[] = ['anonymous', 'tenant_owner', 'service', 'platform_admin'];
const CODES = new Set(Object.keys(ERROR_CODES));

let stack: TestStack;
let operations: Operation[];
const tenantId = uid('fuzz-');
beforeAll(async () => {
  // One caller sends everything: the rate limit must not turn the run into a wall of 429s.
  stack = await startTestStack({ env: { RATE_LIMIT_MAX: '1000000' } });
  await registerTenant(stack, tenantId);
  operations = operationsOf((await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json());
});
afterAll(async () => { await stack?.close(); });

const headersFor = (role: TestRole | 'anonymous'): Record<string, string> => role === 'anonymous' ? {} : bearer(signToken(stack.config.auth.jwtSecret, { sub: `fuzz-${role}`, tenantId: role === 'tenant_owner' ? tenantId : null, roles: [role] }));
const pathValue = (template: string) => {
  if (template.includes('payment-methods/{id}')) return 'pm_123';
  if (template.includes('invoices/{id}')) return 'in_123';
  if (template.includes('plans/{id}')) return 'growth';
  if (template.startsWith('/admin/features/{key}')) return 'advanced_analytics';
  if (template.startsWith('/admin/webhook-endpoints/{id}')) return `we_${'0'.repeat(32)}`;
  return tenantId;
};

function problemWith(op: Operation, status: number, body: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (!op.statuses.includes(String(status))) return `answered ${status}, documented ${op.statuses.join(' ')}`;
  if (status < 400) return null;
  let parsed: { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
  try { parsed = JSON.parse(body) as typeof parsed; } catch { return `answered ${status} with a body that is not JSON`; }
  const e = parsed.error;
  if (!e || typeof e.message !== 'string' || typeof e.requestId !== 'string') return `answered ${status} without the error envelope`;
  if (typeof e.code !== 'string' || !CODES.has(e.code)) return `answered ${status} with code ${String(e.code)}, not in the closed set`;
  return null;
}

describe('fuzzing every operation of /openapi.json', () => {
  it('answers no 5xx, the envelope on every 4xx, and only documented statuses', async () => {
    expect(operations.length).toBeGreaterThan(30);
    const rng = prng(SEED);
    const problems: string[] = [];
    let sent = 0;
    for (const op of operations) {
      for (const role of ROLES) {
        for (let i = 0; i < PER_OPERATION_AND_ROLE; i++) {
          const req = fuzzRequest(op, rng, { tenantId, pathValue, headers: headersFor(role) });
          const res = await stack.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload === undefined ? {} : { payload: req.payload }) });
          sent++;
          const problem = problemWith(op, res.statusCode, res.body);
          if (problem) problems.push(`${op.method} ${op.path} as ${role} (${req.mutation}: ${req.method} ${req.url.slice(0, 120)} ${(req.payload ?? '').slice(0, 160)}): ${problem} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(sent).toBe(operations.length * ROLES.length * PER_OPERATION_AND_ROLE);
    expect(problems.slice(0, 40), `${problems.length} problems in ${sent} requests`).toEqual([]);
  });
});
