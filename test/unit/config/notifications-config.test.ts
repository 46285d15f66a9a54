import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/config.js';

describe('loadConfig: email notifications', () => {
  it('points development at the local Mailpit, and is off in test and production unless SMTP_URL is set', () => {
    expect(loadConfig({}).notifications).toEqual({ smtpUrl: 'smtp://127.0.0.1:1025', from: 'Tenure Billing <billing@tenure.localhost>', groupId: 'tenure-notifier' });
    expect(loadConfig({ NODE_ENV: 'test' }).notifications.smtpUrl).toBeNull();
    expect(loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtp://127.0.0.1:2525' }).notifications.smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(loadConfig({}).workerMetrics.notifierPort).toBe(9467);
  });

  it('turns notifications off with an empty SMTP_URL, even in development', () => {
    expect(loadConfig({ SMTP_URL: '' }).notifications.smtpUrl).toBeNull();
  });

  it('accepts only smtp:// and smtps:// URLs', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://user:pass@mail.example.com:465' }).notifications.smtpUrl).toBe('smtps://user:pass@mail.example.com:465');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it('wants a real sender in production when it sends mail', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), STRIPE_WEBHOOK_SECRET: 'whsec_real', STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_API_BASE: '', WEBHOOK_SECRETS_KEY: 'k'.repeat(32) };
    expect(() => loadConfig({ ...prod, SMTP_URL: 'smtp://mail.example.com' })).toThrow(/NOTIFY_FROM must be set in production/);
    expect(loadConfig({ ...prod, SMTP_URL: 'smtp://mail.example.com', NOTIFY_FROM: 'Billing <billing@example.com>' }).notifications.from).toBe('Billing <billing@example.com>');
    expect(loadConfig(prod).notifications.smtpUrl).toBeNull();
  });
});
