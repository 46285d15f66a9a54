import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookWorkflowIdOf } from '../../../workflows/webhook-messages.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// The endpoint routes refuse bad input with a clear 4xx and a code, and never show a secret except
// in the answer that creates or rotates it. No worker: nothing is delivered here.

let stack: TestStack;
const logs: string[] = [];
beforeAll(async () => { stack = await startTestStack({ worker: false, env: { LOG_LEVEL: 'debug' }, logStream: { write: (line) => void logs.push(line) } }); });
afterAll(async () => {
  // No worker serves this file's task queue: end the delivery workflows its endpoints started.
  await Promise.allSettled(created.map((id) => stack.deps.temporal.workflow.getHandle(webhookWorkflowIdOf(id)).terminate('test finished')));
  await stack?.close();
});

const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-1', roles: ['platform_admin'] }));
const created: string[] = [];
const post = async (payload: unknown) => {
  const res = await stack.app.inject({ method: 'POST', url: '/admin/webhook-endpoints', headers: admin(), payload: payload as Record<string, unknown> });
  if (res.statusCode === 201) created.push((res.json() as { id: string }).id);
  return res;
};

describe('POST /admin/webhook-endpoints refuses', () => {
  it.each([
    [{ url: 'http://127.0.0.1:9/hook', events: ['tenant.exploded'] }, 400, 'VALIDATION_FAILED'],
    [{ url: 'http://127.0.0.1:9/hook', events: [] }, 400, 'VALIDATION_FAILED'],
    [{ url: 'http://127.0.0.1:9/hook' }, 400, 'VALIDATION_FAILED'],
    [{ url: 'not a url', events: ['*'] }, 400, 'VALIDATION_FAILED'],
    [{ url: 'http://hooks.example.com/x', events: ['*'] }, 422, 'WEBHOOK_URL_FORBIDDEN'],
    [{ url: 'ftp://127.0.0.1/x', events: ['*'] }, 422, 'WEBHOOK_URL_FORBIDDEN'],
    [{ url: 'https://10.0.0.7/x', events: ['*'] }, 422, 'WEBHOOK_URL_FORBIDDEN'],
    [{ url: 'https://169.254.169.254/latest/meta-data', events: ['*'] }, 422, 'WEBHOOK_URL_FORBIDDEN'],
    [{ url: 'https://[fd00::1]/x', events: ['*'] }, 422, 'WEBHOOK_URL_FORBIDDEN'],
    [{ url: 'https://user:pw@127.0.0.1/x', events: ['*'] }, 422, 'WEBHOOK_URL_FORBIDDEN'],
  ])('%j with %i %s', async (payload, status, code) => {
    const res = await post(payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
  });
});

describe('an endpoint, once created', () => {
  it('shows its secret only on create and rotate, never in list, read, update or the logs of the API', async () => {
    const created = await post({ url: 'http://127.0.0.1:9/hook', events: ['payment.failed', 'trial.ending_soon'], description: 'ops' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, secret } = created.json() as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const list = await stack.app.inject({ method: 'GET', url: '/admin/webhook-endpoints', headers: admin() });
    const read = await stack.app.inject({ method: 'GET', url: `/admin/webhook-endpoints/${id}`, headers: admin() });
    const patched = await stack.app.inject({ method: 'PATCH', url: `/admin/webhook-endpoints/${id}`, headers: admin(), payload: { enabled: false, events: ['*'] } });
    for (const res of [list, read, patched]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toContain(secret.slice(6));
      expect(res.body).not.toContain('"secret"');
    }
    expect(patched.json()).toMatchObject({ enabled: false, disabledReason: 'admin', events: ['*'] });
    const [row] = await stack.database.sql`select secret from webhook_endpoints where id = ${id}`;
    expect(String(row!.secret)).not.toContain(secret.slice(6));
    const rotated = await stack.app.inject({ method: 'POST', url: `/admin/webhook-endpoints/${id}/rotate-secret`, headers: admin() });
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(secret);
    expect(logs.length).toBeGreaterThan(0);
    for (const s of [secret, rotated.json().secret as string]) expect(logs.filter((l) => l.includes(s.slice(6)))).toEqual([]);
  });

  it('refuses a forbidden URL or an unknown type on PATCH, and answers 404 once deleted', async () => {
    const { id } = (await post({ url: 'http://localhost:9/hook', events: ['*'] })).json() as { id: string };
    const badUrl = await stack.app.inject({ method: 'PATCH', url: `/admin/webhook-endpoints/${id}`, headers: admin(), payload: { url: 'https://192.168.1.1/x' } });
    expect([badUrl.statusCode, badUrl.json().error.code]).toEqual([422, 'WEBHOOK_URL_FORBIDDEN']);
    const badType = await stack.app.inject({ method: 'PATCH', url: `/admin/webhook-endpoints/${id}`, headers: admin(), payload: { events: ['nope'] } });
    expect([badType.statusCode, badType.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const empty = await stack.app.inject({ method: 'PATCH', url: `/admin/webhook-endpoints/${id}`, headers: admin(), payload: {} });
    expect(empty.statusCode).toBe(400);
    expect((await stack.app.inject({ method: 'DELETE', url: `/admin/webhook-endpoints/${id}`, headers: admin() })).statusCode).toBe(204);
    for (const [method, url] of [['GET', `/admin/webhook-endpoints/${id}`], ['DELETE', `/admin/webhook-endpoints/${id}`], ['GET', `/admin/webhook-endpoints/${id}/deliveries`], ['POST', `/admin/webhook-endpoints/${id}/rotate-secret`]] as const) {
      const res = await stack.app.inject({ method, url, headers: admin() });
      expect([res.statusCode, res.json().error.code], `${method} ${url}`).toEqual([404, 'NOT_FOUND']);
    }
    const badId = await stack.app.inject({ method: 'GET', url: '/admin/webhook-endpoints/not-an-id', headers: admin() });
    expect(badId.statusCode).toBe(400);
  });
});
