import { describe, expect, it } from 'vitest';
import { ERROR_CODES, TenureError, codeToStatus, fromFailure, isErrorCode, toFailure } from '../../../domain/errors.js';

describe('error model', () => {
  it('maps each code to one HTTP status', () => {
    expect(new TenureError('LIMIT_EXCEEDED', 'x').status).toBe(402);
    expect(new TenureError('TENANT_LOCKED', 'x').status).toBe(403);
    expect(codeToStatus('VALIDATION_FAILED')).toBe(400);
    expect(codeToStatus('NOT_A_CODE')).toBe(500);
  });

  it('answers a key outside the feature catalog with 400 and a feature still in use with 409, neither retried', () => {
    expect(new TenureError('UNKNOWN_FEATURE', 'x')).toMatchObject({ status: 400, retryable: false });
    expect(new TenureError('FEATURE_IN_USE', 'x', { feature: 'sso', plans: ['pro'], tenants: [] })).toMatchObject({ status: 409, retryable: false, details: { feature: 'sso' } });
    expect(toFailure(new TenureError('FEATURE_IN_USE', 'in use')).nonRetryable).toBe(true);
  });

  it('marks only transient failures retryable', () => {
    const retryable = Object.entries(ERROR_CODES).filter(([, v]) => v.retryable).map(([k]) => k).sort();
    // STRIPE_ERROR is a refusal (retrying the same request cannot help); a Stripe outage is DEPENDENCY_UNAVAILABLE.
    expect(retryable).toEqual(['DEPENDENCY_UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);
    expect(isErrorCode('SAME_PLAN')).toBe(true);
  });

  it('lets the retryable flag alone decide whether Temporal retries', () => {
    expect(toFailure(new TenureError('STRIPE_ERROR', 'refused', { declineCode: 'card_declined' }))).toEqual({ type: 'STRIPE_ERROR', message: 'refused', nonRetryable: true, details: [{ declineCode: 'card_declined' }] });
    expect(toFailure(new TenureError('DEPENDENCY_UNAVAILABLE', 'down'))).toMatchObject({ type: 'DEPENDENCY_UNAVAILABLE', nonRetryable: false, details: [] });
    for (const code of Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]) {
      expect(toFailure({ code, message: 'm' }).nonRetryable).toBe(!ERROR_CODES[code].retryable);
    }
  });

  it('brings a failure back as the same TenureError, and an unknown type as the fallback', () => {
    const back = fromFailure(toFailure(new TenureError('SAME_PLAN', 'already on it', { planId: 'growth' })));
    expect(back).toBeInstanceOf(TenureError);
    expect(back).toMatchObject({ code: 'SAME_PLAN', message: 'already on it', details: { planId: 'growth' }, status: 409 });
    expect(fromFailure({ type: 'Error', message: 'boom' }).code).toBe('INTERNAL');
    expect(fromFailure({ type: null, message: 'boom', details: null }, 'INVALID_TRANSITION').code).toBe('INVALID_TRANSITION');
  });
});
