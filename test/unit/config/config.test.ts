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
  });

  it('parses short durations for demos and e2e tests', () => {
    const c = loadConfig({ TRIAL_PERIOD: '20s', TRIAL_REMINDERS: '10s,5s', DUNNING_RESTRICT_AFTER: '3s', DUNNING_LOCK_AFTER: '6s', ADMIN_LOCK_DEFAULT: '90m' });
    expect(c.lifecycle).toMatchObject({ trialPeriodMs: 20_000, trialRemindersMs: [10_000, 5_000], dunningRestrictAfterMs: 3_000, dunningLockAfterMs: 6_000, defaultAdminLockMs: 5_400_000 });
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

  it('refuses a dunning ladder that locks before it restricts', () => {
    expect(() => loadConfig({ DUNNING_RESTRICT_AFTER: '14d', DUNNING_LOCK_AFTER: '7d' })).toThrow(/DUNNING_LOCK_AFTER/);
  });

  it('treats an empty STRIPE_API_BASE as real Stripe', () => {
    expect(loadConfig({ STRIPE_API_BASE: ' ' }).stripe.apiBase).toBeNull();
  });
});
