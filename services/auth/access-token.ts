import { createHmac } from 'node:crypto';
import type { Role } from '../../domain/roles.js';

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Signs an HS256 access token with Tenure's claims (sub, tenantId, roles); the API verifies it with the same secret. */
export function signAccessToken(secret: string, claims: { sub: string; tenantId: string | null; roles: Role[] }, ttlMs: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat, exp: iat + Math.floor(ttlMs / 1000) })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
