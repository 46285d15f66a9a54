import { createHmac } from 'node:crypto';

export type TestRole = 'tenant_user' | 'tenant_owner' | 'platform_admin' | 'service';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** Signs an HS256 JWT by hand, so tests can also forge expired, tampered and alg:none tokens. */
export function signToken(secret: string, claims: { sub?: string; tenantId?: string | null; roles: TestRole[]; exp?: number }, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: claims.sub ?? 'user-1', tenantId: claims.tenantId ?? null, roles: claims.roles, iat: now, exp: claims.exp ?? now + 3600 };
  const unsigned = `${b64(header)}.${b64(payload)}`;
  if (header.alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
