// The one error model. A closed set of codes, one HTTP mapping, and a retryable flag per code.
// Services throw TenureError. Across Temporal, toFailure and fromFailure carry it as an
// ApplicationFailure (type = code) and back; the retryable flag alone decides nonRetryable.

export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, retryable: false },
  INVALID_SIGNATURE: { status: 400, retryable: false },
  METRIC_NOT_CONSUMABLE: { status: 400, retryable: false },
  METRIC_NOT_RELEASABLE: { status: 400, retryable: false },
  // A feature key the catalog does not hold, or one of a kind the operation does not take (consume of a boolean).
  UNKNOWN_FEATURE: { status: 400, retryable: false },
  UNAUTHENTICATED: { status: 401, retryable: false },
  REAUTH_FAILED: { status: 401, retryable: false },
  LIMIT_EXCEEDED: { status: 402, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  TENANT_LOCKED: { status: 403, retryable: false },
  TENANT_SUSPENDED: { status: 403, retryable: false },
  READ_ONLY: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  TENANT_NOT_FOUND: { status: 404, retryable: false },
  PLAN_NOT_FOUND: { status: 404, retryable: false },
  CONFLICT: { status: 409, retryable: false },
  SAME_PLAN: { status: 409, retryable: false },
  NO_SUBSCRIPTION: { status: 409, retryable: false },
  NO_PENDING_CHANGE: { status: 409, retryable: false },
  INVALID_TRANSITION: { status: 409, retryable: false },
  // The account is closed: nothing more happens to it (close is final; erase is still possible).
  TENANT_CLOSED: { status: 409, retryable: false },
  // Erase needs a closed account first (POST /admin/tenants/:id/close).
  TENANT_NOT_CLOSED: { status: 409, retryable: false },
  // A feature a plan or a tenant override still names cannot be deleted (details: feature, plans, tenants).
  FEATURE_IN_USE: { status: 409, retryable: false },
  // What the HTTP framework refuses before a route runs: a body over the limit, an over-long URL
  // path parameter, a body of a media type the route does not read.
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  URI_TOO_LONG: { status: 414, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false },
  // An idempotency key sent again with other content (metric, amount): the first answer does not apply.
  IDEMPOTENCY_KEY_REUSED: { status: 409, retryable: false },
  DOWNGRADE_BLOCKED_BY_USAGE: { status: 422, retryable: false },
  // A checkout or plan change for a billing interval (`interval: "year"`) the plan has no Stripe price for.
  INTERVAL_NOT_AVAILABLE: { status: 422, retryable: false },
  // A plan with manualInvoicing is not bought by card: an admin assigns it (POST /admin/tenants/:id/plan).
  PLAN_INVOICED_MANUALLY: { status: 409, retryable: false },
  // A webhook URL that points (or resolves) into a private, loopback or link-local range, or uses a
  // scheme the environment does not allow (docs/webhooks.md, "Where a webhook may point").
  WEBHOOK_URL_FORBIDDEN: { status: 422, retryable: false },
  INVALID_COUPON: { status: 422, retryable: false },
  // Stripe refused the tax id of the billing contact (PUT /billings/contact): its type or value (details.stripeCode).
  TAX_ID_INVALID: { status: 422, retryable: false },
  RATE_LIMITED: { status: 429, retryable: true },
  // Too many wrong re-authentication passwords: the admin is locked out for a while (not retried).
  REAUTH_LOCKED: { status: 429, retryable: false },
  INTERNAL: { status: 500, retryable: true },
  // Postgres refused the data itself (a constraint violation, a value it rejects: SQLSTATE classes 22
  // and 23): the same write fails again until someone fixes the data or the schema.
  DATA_REJECTED: { status: 500, retryable: false },
  // Stripe refused the call: a retry with the same request cannot succeed (outages are DEPENDENCY_UNAVAILABLE).
  STRIPE_ERROR: { status: 502, retryable: false },
  DEPENDENCY_UNAVAILABLE: { status: 503, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class TenureError extends Error {
  override readonly name = 'TenureError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

/** Maps a code to its HTTP status; unknown codes are internal errors. */
export function codeToStatus(code: string): number {
  return isErrorCode(code) ? ERROR_CODES[code].status : 500;
}

/** True when the string is one of the closed set of error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** What ApplicationFailure.create takes: the code as type, its retryable flag as nonRetryable. */
export interface FailureInfo { type: ErrorCode; message: string; nonRetryable: boolean; details: unknown[] }

/** An error of the closed set as a Temporal failure; pass the result to ApplicationFailure.create. */
export function toFailure(err: { code: ErrorCode; message: string; details?: unknown }): FailureInfo {
  return { type: err.code, message: err.message, nonRetryable: !ERROR_CODES[err.code].retryable, details: err.details === undefined ? [] : [err.details] };
}

/** A Temporal failure back as a TenureError; a type outside the closed set becomes `fallback`. */
export function fromFailure(failure: { type?: string | null; message: string; details?: unknown[] | null }, fallback: ErrorCode = 'INTERNAL'): TenureError {
  const code = failure.type && isErrorCode(failure.type) ? failure.type : fallback;
  const details = failure.details?.[0];
  return new TenureError(code, failure.message, details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : undefined);
}
