import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { createStripe } from '../../../config/clients.js';
import { ConfigError, loadConfig } from '../../../config/config.js';

// The README's switch to real Stripe: `STRIPE_API_BASE= STRIPE_SECRET_KEY=sk_test_... npm start`.
const PROD = { NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-at-least-32-characters!', STRIPE_WEBHOOK_SECRET: 'whsec_real', WEBHOOK_SECRETS_KEY: 'a-real-webhook-secrets-key' };
const hostOf = (stripe: Stripe) => (stripe as unknown as { getApiField(k: string): unknown }).getApiField('host');

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  return 'accepted';
}

describe('the switch to real Stripe', () => {
  it('takes an explicitly empty STRIPE_API_BASE as the real API, and the client then talks to api.stripe.com', () => {
    const config = loadConfig({ STRIPE_API_BASE: '', STRIPE_SECRET_KEY: 'sk_test_realaccount' });
    expect(config.stripe.apiBase).toBeNull();
    expect(hostOf(createStripe(config))).toBe('api.stripe.com');
  });

  it('keeps stripe-mock when STRIPE_API_BASE is not set at all', () => {
    const config = loadConfig({});
    expect(config.stripe.apiBase).toBe('http://127.0.0.1:12111');
    expect(hostOf(createStripe(config))).toBe('127.0.0.1');
  });

  it('still lets other empty variables mean their default', () => {
    expect(loadConfig({ PORT: '', TRIAL_PERIOD: '' }).http.port).toBe(3000);
  });
});

describe('production refuses the local Stripe', () => {
  it('refuses the development key sk_test_tenurelocal', () => {
    expect(refusal({ ...PROD, STRIPE_API_BASE: '' })).toContain('STRIPE_SECRET_KEY');
  });

  it('refuses stripe-mock and any base on this machine', () => {
    for (const base of ['http://127.0.0.1:12111', 'http://localhost:12111', 'http://[::1]:8080', 'http://stripe-mock:12111']) {
      const message = refusal({ ...PROD, STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_API_BASE: base });
      expect(message, base).toContain('STRIPE_API_BASE');
      expect(message, base).not.toContain('STRIPE_SECRET_KEY');
    }
    expect(refusal({ ...PROD, STRIPE_SECRET_KEY: 'sk_live_abc' })).toContain('STRIPE_API_BASE');
  });

  it('starts against real Stripe with a real key', () => {
    const config = loadConfig({ ...PROD, STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_API_BASE: '' });
    expect(config.stripe).toMatchObject({ secretKey: 'sk_live_abc', apiBase: null });
  });
});
