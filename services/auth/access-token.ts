import { createHmac } from 'node:crypto';
import type { Role } from '../../domain/roles.js';

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * Signs an HS256 access token with Tenure's claims (sub, tenantId, roles, iat, exp, and iss/aud when
 * given); the API verifies it with the same secret.
 */
export function signAccessToken(secret: string, claims: { sub: string; tenantId: string | null; roles: Role[] }, ttlMs: number, opts: { issuer?: string | null; audience?: string | null; now?: number } = {}): string {
  const iat = Math.floor((opts.now ?? Date.now()) / 1000);
  const pinned = { ...(opts.issuer ? { iss: opts.issuer } : {}), ...(opts.audience ? { aud: opts.audience } : {}) };
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, ...pinned, iat, exp: iat + Math.floor(ttlMs / 1000) })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
