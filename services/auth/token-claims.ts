import type { Config } from '../../config/config.js';

export type TokenPolicy = Pick<Config['auth'], 'maxTtlMs' | 'serviceMaxTtlMs' | 'issuer' | 'audience'>;

/**
 * Why a signature-verified token's claims are still refused, or null when they are acceptable:
 * exp is required, the lifetime (exp - iat, or exp - now without iat) is capped (service-only tokens
 * have their own cap), iss and aud must match when configured, and tenantId is a string or absent.
 */
export function claimsProblem(payload: Record<string, unknown>, policy: TokenPolicy, nowMs = Date.now()): string | null {
  const { exp, iat, iss, aud, tenantId, roles } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'the token has no exp';
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) return 'the token has an invalid iat';
  const serviceOnly = Array.isArray(roles) && roles.length > 0 && roles.every((r) => r === 'service');
  const cap = serviceOnly ? policy.serviceMaxTtlMs : policy.maxTtlMs;
  const lifetimeMs = (exp - (typeof iat === 'number' ? iat : nowMs / 1000)) * 1000;
  if (lifetimeMs > cap) return 'the token lives longer than allowed';
  if (policy.issuer !== null && iss !== policy.issuer) return 'the token has the wrong issuer';
  if (policy.audience !== null && !(aud === policy.audience || (Array.isArray(aud) && aud.includes(policy.audience)))) return 'the token has the wrong audience';
  if (tenantId !== undefined && tenantId !== null && typeof tenantId !== 'string') return 'the token has a non-string tenantId';
  return null;
}
