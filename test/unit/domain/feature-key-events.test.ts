// Events that name features take any well-formed feature key of the catalog (not a fixed list), and
// an override event carries exactly one of `enabled` and `limit`.
import { describe, expect, it } from 'vitest';
import { billingEvent, envelopeSchema, type BillingEventType, type EventPayload } from '../../../domain/events.js';
import { strictAjv } from '../../support/ajv.js';

const ajv = strictAjv();
const T = Date.UTC(2025, 3, 1);

/** The schema errors of a payload of `type` (empty when valid); the payload is cast, as a buggy producer would send it. */
function problems<K extends BillingEventType>(type: K, data: unknown): string {
  const validate = ajv.compile(envelopeSchema(type));
  const event = billingEvent('t1', type, 'v1', T, data as EventPayload<K>);
  return validate(event) ? '' : ajv.errorsText(validate.errors, { dataVar: 'event' });
}

describe('usage and limit events, keyed by any feature key', () => {
  it('accept a threshold crossing of any metered feature, and refuse a malformed key', () => {
    const crossing = { threshold: 80, used: 80, limit: 100, periodStart: new Date(T).toISOString() };
    expect(problems('usage.threshold_crossed', { ...crossing, metric: 'storage_mb' })).toBe('');
    expect(problems('usage.threshold_crossed', { ...crossing, metric: 'Storage MB' })).toContain('must match pattern');
    expect(problems('usage.threshold_crossed', { ...crossing, metric: 'a'.repeat(65) })).toContain('must NOT have more than 64 characters');
  });

  it('accept a monthly summary over any monthly features, even none, and refuse a malformed key', () => {
    const period = { start: T, end: T + 86_400_000 };
    expect(problems('usage.monthly_summary', { period, metrics: { api_calls: { used: 3, limit: null }, 'pdf-exports': { used: 0, limit: 10 } } })).toBe('');
    expect(problems('usage.monthly_summary', { period, metrics: {} })).toBe('');
    expect(problems('usage.monthly_summary', { period, metrics: { _v: { used: 1, limit: 1 } } })).toContain('must NOT have additional properties');
    expect(problems('usage.monthly_summary', { period, metrics: { api_calls: { used: 1 } } })).toContain("must have required property 'limit'");
  });

  it('accept a limits override naming any metered feature, at least one', () => {
    expect(problems('tenant.limits_overridden', { limits: { storage_mb: 500, api_calls: null }, actor: 'a', reason: null })).toBe('');
    expect(problems('tenant.limits_overridden', { limits: {}, actor: 'a', reason: null })).toContain('must NOT have fewer than 1 properties');
    expect(problems('tenant.limits_overridden', { limits: { storage_mb: -1 }, actor: 'a', reason: null })).toContain('must be >= 0');
  });
});

describe('entitlement events', () => {
  const common = { key: 'sso', reason: 'pilot', until: null, actor: 'admin-1', previous: null };

  it('an override carries enabled or limit, never both and never neither', () => {
    expect(problems('entitlement.overridden', { ...common, enabled: true })).toBe('');
    expect(problems('entitlement.overridden', { ...common, key: 'api_calls', limit: null, previous: { limit: 10 } })).toBe('');
    expect(problems('entitlement.overridden', { ...common, enabled: true, limit: 5 })).not.toBe('');
    expect(problems('entitlement.overridden', common)).not.toBe('');
  });

  it('an override\'s until is an ISO date or null, and previous is a value or null', () => {
    expect(problems('entitlement.overridden', { ...common, enabled: false, until: new Date(T).toISOString(), previous: { enabled: true } })).toBe('');
    expect(problems('entitlement.overridden', { ...common, enabled: false, until: T })).toContain('must be string,null');
    expect(problems('entitlement.overridden', { ...common, enabled: false, previous: { enabled: true, limit: 3 } })).not.toBe('');
  });

  it('expiry and removal name the feature', () => {
    expect(problems('entitlement.override_expired', { key: 'sso', until: new Date(T).toISOString() })).toBe('');
    expect(problems('entitlement.override_expired', { key: 'sso', until: null })).toContain('must be string');
    expect(problems('entitlement.override_removed', { key: 'sso', actor: 'admin-1', reason: null })).toBe('');
    expect(problems('entitlement.override_removed', { key: 'SSO', actor: 'admin-1', reason: null })).toContain('must match pattern');
  });
});
