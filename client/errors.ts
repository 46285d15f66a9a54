// Errors the client raises. Refusals carry the API's code and details so callers can explain them.

export type RefusalCode = 'LIMIT_EXCEEDED' | 'TENANT_LOCKED' | 'TENANT_SUSPENDED' | 'TENANT_CLOSED' | 'READ_ONLY' | 'TENANT_NOT_FOUND';
export const REFUSAL_CODES: readonly string[] = ['LIMIT_EXCEEDED', 'TENANT_LOCKED', 'TENANT_SUSPENDED', 'TENANT_CLOSED', 'READ_ONLY', 'TENANT_NOT_FOUND'];

/** Any answer from Tenure that is not a decision (bad token, validation, 5xx), or Tenure unreachable (status 0). */
export class TenureApiError extends Error {
  override readonly name: string = 'TenureApiError';
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

/** enforceLimit() refused the action: over the limit (402) or the tenant is blocked or unknown (403/404). */
export class UsageRefusedError extends TenureApiError {
  override readonly name = 'UsageRefusedError';
  constructor(status: number, readonly refusal: RefusalCode, message: string, details?: unknown) {
    super(status, refusal, message, details);
  }
}
