import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { adminHeaders, planBody } from './plan-helpers.js';

// Plan versions: a change to prices or entitlements makes version N+1, a change to the name or
// description does not; PATCH takes the fields to change, and GET lists every version.
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const patch = (id: string, payload: object) => stack.app.inject({ method: 'PATCH', url: `/admin/plans/${id}`, headers: adminHeaders(stack), payload });
const read = async (id: string) => (await stack.app.inject({ method: 'GET', url: `/admin/plans/${id}`, headers: adminHeaders(stack) })).json();

describe('plan versions', () => {
  it('a new price or new limits make a new version; a new name or description does not', async () => {
    expect((await stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(stack), payload: planBody('versioned') })).statusCode).toBe(201);
    const renamed = await patch('versioned', { name: 'Versioned', description: 'renamed' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Versioned', version: 1 });
    const repriced = await patch('versioned', { priceMonthlyCents: 24_900 });
    expect(repriced.json()).toMatchObject({ version: 2, priceMonthlyCents: 24_900, name: 'Versioned' });
    const limited = await patch('versioned', { entitlements: { campaigns: { limit: 80 }, seats: { limit: 25 } } });
    expect(limited.json()).toMatchObject({ version: 3, limits: { campaigns: 80, seats: 25 } });
    const same = await patch('versioned', { entitlements: { seats: { limit: 25 }, campaigns: { limit: 80 } } });
    expect(same.json().version).toBe(3);
    const body = await read('versioned');
    expect(body.versions.map((v: { version: number; current: boolean; priceMonthlyCents: number; tenants: number }) => [v.version, v.current, v.priceMonthlyCents, v.tenants]))
      .toEqual([[1, false, 19_900, 0], [2, false, 24_900, 0], [3, true, 24_900, 0]]);
    expect(body.versions[1].entitlements.campaigns).toEqual({ limit: 50 });
  });

  it('PUT with the whole plan keeps working, and PATCH refuses an unknown field with a code', async () => {
    const put = await stack.app.inject({ method: 'PUT', url: '/admin/plans/versioned', headers: adminHeaders(stack), payload: { ...planBody('versioned'), id: undefined } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 4, priceMonthlyCents: 19_900 });
    const bad = await patch('versioned', { version: 9 });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const missing = await patch('no-such-plan', { name: 'x' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'PLAN_NOT_FOUND']);
  });
});
