import { createHmac } from 'node:crypto';

export type TestRole = 'tenant_user' | 'tenant_owner' | 'platform_admin' | 'service';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** The claims a test token carries; `exp: null` or `iat: null` leaves that claim out. */
export interface TestClaims { sub?: string; tenantId?: unknown; roles: TestRole[]; exp?: number | null; iat?: number | null; iss?: string; aud?: string }

/** Signs an HS256 JWT by hand, so tests can also forge expired, tampered and alg:none tokens. */
export function signToken(secret: string, claims: TestClaims, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const now = Math.floor(Date.now() / 1000);
  const iat = claims.iat === undefined ? now : claims.iat;
  const exp = claims.exp === undefined ? now + 3600 : claims.exp;
  const payload = {
    sub: claims.sub ?? 'user-1', tenantId: claims.tenantId ?? null, roles: claims.roles,
    ...(iat === null ? {} : { iat }), ...(exp === null ? {} : { exp }),
    ...(claims.iss === undefined ? {} : { iss: claims.iss }), ...(claims.aud === undefined ? {} : { aud: claims.aud }),
  };
  const unsigned = `${b64(header)}.${b64(payload)}`;
  if (header.alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
