import type { InjectOptions } from 'fastify';
import type { TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Shared by the feature catalog tests: an admin's requests.

export const adminHeaders = (stack: TestStack) => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'platform_admin-1', roles: ['platform_admin'], tenantId: null }));

/** An admin request to the feature catalog: `path` is below /admin/features. */
export function asAdmin(stack: TestStack, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path = '', payload?: unknown) {
  const request: InjectOptions = { method, url: `/admin/features${path}`, headers: adminHeaders(stack), ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) };
  return stack.app.inject(request);
}
