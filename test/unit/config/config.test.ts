import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config/config.js';

describe('loadConfig', () => {
  it('gives working defaults for the local stack', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.temporal.taskQueue).toBe('billing');
    expect(c.lifecycle.trialPeriodMs).toBe(14 * 86_400_000);
    expect(c.lifecycle.trialRemindersMs).toEqual([3 * 86_400_000, 86_400_000]);
    expect(c.lifecycle.dunningRestrictAfterMs).toBe(7 * 86_400_000);
    expect(c.lifecycle.defaultAdminLockMs).toBeNull();
    expect(c.stripe.apiBase).toBe('http://127.0.0.1:12111');
    expect(c.features.catalogTtlMs).toBe(5_000);
  });

  it('parses short durations for demos and e2e tests', () => {
    const c = loadConfig({ TRIAL_PERIOD: '20s', TRIAL_REMINDERS: '10s,5s', DUNNING_RESTRICT_AFTER: '3s', DUNNING_LOCK_AFTER: '6s', ADMIN_LOCK_DEFAULT: '90m' });
    expect(c.lifecycle).toMatchObject({ trialPeriodMs: 20_000, trialRemindersMs: [10_000, 5_000], dunningRestrictAfterMs: 3_000, dunningLockAfterMs: 6_000, defaultAdminLockMs: 5_400_000 });
  });

  it('reads the feature catalog TTL as a duration', () => {
    expect(loadConfig({ FEATURE_CATALOG_TTL: '250ms' }).features.catalogTtlMs).toBe(250);
    expect(() => loadConfig({ FEATURE_CATALOG_TTL: 'soon' })).toThrow(/FEATURE_CATALOG_TTL/);
  });

  it('reads the shutdown grace period as a duration (30 s unless set)', () => {
    expect(loadConfig({}).shutdown.graceMs).toBe(30_000);
    expect(loadConfig({ WORKER_SHUTDOWN_GRACE: '2m' }).shutdown.graceMs).toBe(120_000);
    expect(() => loadConfig({ WORKER_SHUTDOWN_GRACE: 'a while' })).toThrow(/WORKER_SHUTDOWN_GRACE/);
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', TRIAL_PERIOD: 'two weeks', JWT_SECRET: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', TRIAL_PERIOD: 'two weeks', JWT_SECRET: 'short' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('TRIAL_PERIOD');
      expect(msg).toContain('JWT_SECRET must be at least 32 characters');
    }
  });

  it('refuses development secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET and STRIPE_WEBHOOK_SECRET must be set/);
  });

  it('refuses the development webhook secrets key in production', () => {
    const otherwiseReal = { NODE_ENV: 'production', ...REAL_SECRETS_EXCEPT_STRIPE, STRIPE_SECRET_KEY: 'sk_live_real', STRIPE_API_BASE: '' };
    expect(() => loadConfig({ ...otherwiseReal, WEBHOOK_SECRETS_KEY: '' })).toThrow(/WEBHOOK_SECRETS_KEY must be set in production/);
    expect(loadConfig(otherwiseReal).webhooks.secretsKey).toBe('a-real-webhook-secrets-key');
  });

  it('refuses a dunning ladder that locks before it restricts', () => {
    expect(() => loadConfig({ DUNNING_RESTRICT_AFTER: '14d', DUNNING_LOCK_AFTER: '7d' })).toThrow(/DUNNING_LOCK_AFTER/);
  });

  it('treats an empty STRIPE_API_BASE as real Stripe', () => {
    expect(loadConfig({ STRIPE_API_BASE: ' ' }).stripe.apiBase).toBeNull();
  });

  it('caps token lifetimes at 24h, and service tokens at 30d, by default', () => {
    const c = loadConfig({});
    expect(c.auth).toMatchObject({ maxTtlMs: 86_400_000, serviceMaxTtlMs: 30 * 86_400_000, issuer: null, audience: null });
    expect(loadConfig({ JWT_MAX_TTL: '1h', JWT_SERVICE_MAX_TTL: '2d', JWT_ISSUER: 'https://auth.example', JWT_AUDIENCE: 'tenure' }).auth)
      .toMatchObject({ maxTtlMs: 3_600_000, serviceMaxTtlMs: 2 * 86_400_000, issuer: 'https://auth.example', audience: 'tenure' });
    expect(() => loadConfig({ JWT_MAX_TTL: 'a day' })).toThrow(/JWT_MAX_TTL/);
  });

  it('refuses the development secrets and stripe-mock on a non-loopback HOST, whatever NODE_ENV says', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      for (const HOST of ['0.0.0.0', '::', '10.0.0.5', 'api.example.com']) {
        let message = '';
        try { loadConfig({ NODE_ENV, HOST, ...(NODE_ENV === 'production' ? REAL_SECRETS_EXCEPT_STRIPE : {}) }); } catch (e) { expect(e).toBeInstanceOf(ConfigError); message = (e as Error).message; }
        const expected = NODE_ENV === 'production' ? ['STRIPE_SECRET_KEY', 'STRIPE_API_BASE'] : ['JWT_SECRET', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_API_BASE'];
        for (const name of expected) expect(message, `${NODE_ENV} ${HOST}`).toContain(name);
      }
    }
    expect(() => loadConfig({ HOST: '0.0.0.0', ...REAL_SECRETS_EXCEPT_STRIPE, STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_API_BASE: 'http://127.0.0.1:12111' })).toThrow(/STRIPE_API_BASE/);
    expect(loadConfig({ HOST: '0.0.0.0', ...REAL_SECRETS_EXCEPT_STRIPE, STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_API_BASE: '' }).http.host).toBe('0.0.0.0');
  });

  it('keeps the development values on loopback addresses', () => {
    for (const HOST of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(loadConfig({ HOST }).http.host).toBe(HOST);
  });
});

const REAL_SECRETS_EXCEPT_STRIPE = { JWT_SECRET: 'a-real-secret-of-at-least-32-characters!', STRIPE_WEBHOOK_SECRET: 'whsec_real', WEBHOOK_SECRETS_KEY: 'a-real-webhook-secrets-key' };
