import { loadConfig, type Config } from '../../config/config.js';

/** The config a test runs with: the environment's (the dev stack by default) plus overrides. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...overrides });
}

/** localstripe, dev/stack's stateful Stripe stand-in (docs/testing.md): only tests talk to it. */
export const localstripeBase = (): string => process.env.LOCALSTRIPE_API_BASE || 'http://127.0.0.1:8420';
