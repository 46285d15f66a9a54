import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_FEATURES } from '../../../db/seed/demo-features.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { asAdmin } from './feature-helpers.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

describe('the feature catalog (admin)', () => {
  it('starts, outside production, with the seed features, the boolean advanced_analytics among them', async () => {
    const res = await asAdmin(stack, 'GET');
    expect(res.statusCode).toBe(200);
    const keys = res.json().features.map((f: { key: string }) => f.key);
    expect(keys).toEqual(SEED_FEATURES.map((f) => f.key).sort());
    expect(res.json().features.find((f: { key: string }) => f.key === 'advanced_analytics')).toMatchObject({ name: 'Advanced analytics', kind: 'boolean' });
  });

  it('creates, reads, lists, updates and deletes a feature', async () => {
    const created = await asAdmin(stack, 'POST', '', { key: 'storage_mb', name: 'Storage', kind: 'gauge', unit: 'MB' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'storage_mb', name: 'Storage', kind: 'gauge', unit: 'MB', createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(created.json()).not.toHaveProperty('description');

    expect((await asAdmin(stack, 'GET', '/storage_mb')).json()).toEqual(created.json());
    expect((await asAdmin(stack, 'GET')).json().features.map((f: { key: string }) => f.key)).toContain('storage_mb');

    const updated = await asAdmin(stack, 'PUT', '/storage_mb', { name: 'Storage used', description: 'Files kept', kind: 'gauge' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ key: 'storage_mb', name: 'Storage used', kind: 'gauge', unit: 'MB', description: 'Files kept' });
    expect((await asAdmin(stack, 'GET', '/storage_mb')).json()).toMatchObject({ name: 'Storage used', description: 'Files kept' });

    expect((await asAdmin(stack, 'DELETE', '/storage_mb')).statusCode).toBe(204);
    expect((await asAdmin(stack, 'GET', '/storage_mb')).statusCode).toBe(404);
  });

  it('shows a write in this process\'s catalog copy at once', async () => {
    expect(await stack.deps.features.get('sso')).toBeUndefined();
    expect((await asAdmin(stack, 'POST', '', { key: 'sso', name: 'Single sign-on', kind: 'boolean' })).statusCode).toBe(201);
    expect(await stack.deps.features.get('sso')).toEqual({ key: 'sso', name: 'Single sign-on', kind: 'boolean' });
    expect((await asAdmin(stack, 'PUT', '/sso', { name: 'SSO' })).statusCode).toBe(200);
    expect((await stack.deps.features.get('sso'))?.name).toBe('SSO');
    expect((await asAdmin(stack, 'DELETE', '/sso')).statusCode).toBe(204);
    expect(await stack.deps.features.get('sso')).toBeUndefined();
  });
});
