import type { Config } from '../../config/config.js';
import { TenureError } from '../../domain/errors.js';

/**
 * Refuses a redirect target (checkout's successUrl and cancelUrl, the portal's returnUrl) whose
 * origin is not one of ALLOWED_REDIRECT_ORIGINS, so Tenure never sends a customer to another site.
 */
export function assertRedirectTargets(config: Pick<Config, 'http'>, targets: Record<string, string>): void {
  const allowed = new Set(config.http.allowedRedirectOrigins);
  for (const [field, value] of Object.entries(targets)) {
    let origin: string | null = null;
    try { origin = new URL(value).origin; } catch { /* not a URL: refused below */ }
    if (origin === null || !allowed.has(origin)) {
      throw new TenureError('VALIDATION_FAILED', `${field} must be on an allowed origin (ALLOWED_REDIRECT_ORIGINS)`, { field });
    }
  }
}
