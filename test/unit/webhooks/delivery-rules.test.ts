import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { EVENT_TYPES } from '../../../domain/events.js';
import { endpointWants, unknownEventTypes } from '../../../domain/webhooks/event-filter.js';
import { attemptOffsetsMs, retryDelayMs } from '../../../domain/webhooks/retry-schedule.js';
import { newSigningSecret, openSecret, sealSecret } from '../../../services/webhook-endpoints/secret-box.js';
import { signPayload } from '../../../services/webhook-endpoints/sign-payload.js';

describe('webhook event filter', () => {
  it('delivers the subscribed types, or all of them for *', () => {
    expect(endpointWants(['payment.failed'], 'payment.failed')).toBe(true);
    expect(endpointWants(['payment.failed'], 'tenant.created')).toBe(false);
    expect(endpointWants(['*'], 'webhook_endpoint.disabled')).toBe(true);
  });

  it('knows the catalog types and *, and names the others', () => {
    expect(EVENT_TYPES).toContain('webhook_endpoint.disabled');
    expect(unknownEventTypes(['tenant.created', '*', 'trial.ending_soon'])).toEqual([]);
    expect(unknownEventTypes(['tenant.created', 'tenant.exploded', 'payment.*'])).toEqual(['tenant.exploded', 'payment.*']);
  });
});

describe('webhook retry schedule', () => {
  const defaults = { initialMs: 5_000, maxIntervalMs: 3_600_000, windowMs: 3 * 86_400_000 };

  it('waits 5 s, then doubles, never more than 1 h apart', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, defaults))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(11, defaults)).toBe(3_600_000);
    expect(retryDelayMs(40, defaults)).toBe(3_600_000);
  });

  it('keeps trying for the whole 3-day window, hourly once the backoff reaches an hour', () => {
    const offsets = attemptOffsetsMs(defaults);
    expect(offsets[0]).toBe(0);
    expect(offsets.at(-1)!).toBeLessThanOrEqual(defaults.windowMs);
    expect(defaults.windowMs - offsets.at(-1)!).toBeLessThan(3_600_000);
    // 11 growing waits reach the hour (about 1.4 h in), then roughly one attempt an hour: ~82 attempts.
    expect(offsets.length).toBeGreaterThan(75);
    expect(offsets.length).toBeLessThan(90);
  });
});

describe('webhook signing (standardwebhooks)', () => {
  const body = JSON.stringify({ id: 'acme:payment.failed:evt_1', type: 'payment.failed', version: 1, tenantId: 'acme', occurredAt: '2026-12-01T00:00:00.000Z', data: {} });

  it('signs so the receiver verifies with the endpoint secret', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const headers = signPayload([secret], 'acme:payment.failed:evt_1', new Date(), body);
    expect(headers['webhook-id']).toBe('acme:payment.failed:evt_1');
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('fails verification for a changed body or another secret', () => {
    const secret = newSigningSecret();
    const headers = signPayload([secret], 'm1', new Date(), body);
    expect(() => new Webhook(secret).verify(body.replace('acme', 'evil'), { ...headers })).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, { ...headers })).toThrow();
  });

  it('after a rotation, signs with both secrets so either verifies', () => {
    const [current, previous] = [newSigningSecret(), newSigningSecret()];
    const headers = signPayload([current, previous], 'm2', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
  });
});

describe('webhook secrets at rest', () => {
  it('round-trips under the key, and fails under another', () => {
    const secret = newSigningSecret();
    const sealed = sealSecret(secret, 'key-one-0123456789');
    expect(sealed).not.toContain(secret.slice(6));
    expect(openSecret(sealed, 'key-one-0123456789')).toBe(secret);
    expect(() => openSecret(sealed, 'key-two-0123456789')).toThrow();
  });
});
