import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeFaultProxy, STRIPE_FAULTS, type StripeFaultProxy } from '../../support/stripe-fault-proxy.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { testConfig } from '../../support/config.js';

// /readyz is public: it must not let anyone hammer the dependencies through it, nor learn their
// hostnames, user names or error text.
let proxy: StripeFaultProxy;
let stack: TestStack;
beforeAll(async () => {
  proxy = await startStripeFaultProxy(testConfig().stripe.apiBase!);
  stack = await startTestStack({ worker: false, env: { STRIPE_API_BASE: proxy.url } });
});
afterAll(async () => { await stack?.close(); await proxy?.close(); });

const readyz = () => stack.app.inject({ method: 'GET', url: '/readyz', remoteAddress: '10.1.2.3' });

describe('/readyz', () => {
  it('answers only up or down per dependency, with no error text, and checks each dependency once for many requests', async () => {
    proxy.inject({ method: 'GET', pathPrefix: '/v1/balance', ...STRIPE_FAULTS.authentication, requestId: 'req_readyz_secret' });
    const first = await readyz();
    expect(first.statusCode).toBe(503);
    expect(first.json()).toEqual({
      status: 'not_ready',
      dependencies: { postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' }, kafka: { status: 'up' }, stripe: { status: 'down' } },
      outbox: { status: 'up' },
    });
    for (const leak of ['Invalid API Key', 'sk_live', 'req_readyz_secret', '127.0.0.1', 'tenure:', 'error']) expect(first.body).not.toContain(leak);
    for (let i = 0; i < 5; i++) expect((await readyz()).json()).toEqual(first.json());
    expect(proxy.count('GET', '/v1/balance')).toBe(1);
  });

  it('is throttled per client address, answering 429 in Tenure\'s error shape', async () => {
    const answers: number[] = [];
    let last = await readyz();
    for (let i = 0; i < 80 && last.statusCode !== 429; i++) { answers.push(last.statusCode); last = await readyz(); }
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('RATE_LIMITED');
    expect(typeof last.json().error.requestId).toBe('string');
    const other = await stack.app.inject({ method: 'GET', url: '/readyz', remoteAddress: '10.9.9.9' });
    expect(other.statusCode).not.toBe(429);
  });

  it('documents the 429 in /openapi.json', async () => {
    const spec = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    // 400 and 500 are documented on every route (what the framework itself can answer).
    expect(Object.keys(spec.paths['/readyz'].get.responses).sort()).toEqual(['200', '400', '429', '500', '503']);
  });
});
