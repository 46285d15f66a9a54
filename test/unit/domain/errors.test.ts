import { describe, expect, it } from 'vitest';
import { ERROR_CODES, TenureError, codeToStatus, isErrorCode } from '../../../domain/errors.js';

describe('error model', () => {
  it('maps each code to one HTTP status', () => {
    expect(new TenureError('LIMIT_EXCEEDED', 'x').status).toBe(402);
    expect(new TenureError('TENANT_LOCKED', 'x').status).toBe(403);
    expect(codeToStatus('VALIDATION_FAILED')).toBe(400);
    expect(codeToStatus('NOT_A_CODE')).toBe(500);
  });

  it('marks only transient failures retryable', () => {
    const retryable = Object.entries(ERROR_CODES).filter(([, v]) => v.retryable).map(([k]) => k).sort();
    expect(retryable).toEqual(['DEPENDENCY_UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED', 'STRIPE_ERROR']);
    expect(isErrorCode('SAME_PLAN')).toBe(true);
  });
});
