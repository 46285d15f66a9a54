import { z } from 'zod';
import { parseDuration, parseDurationList } from '../domain/durations.js';

// The one config module: every environment variable Tenure reads is declared, defaulted and
// validated here, once, at start-up. Nothing else reads process.env.

const duration = (fallback: string) =>
  z.string().default(fallback).transform((text, ctx) => {
    try { return parseDuration(text); } catch (e) { ctx.addIssue({ code: 'custom', message: (e as Error).message }); return z.NEVER; }
  });
const durationList = (fallback: string) =>
  z.string().default(fallback).transform((text, ctx) => {
    try { return parseDurationList(text); } catch (e) { ctx.addIssue({ code: 'custom', message: (e as Error).message }); return z.NEVER; }
  });
const optionalDuration = z.string().default('').transform((text, ctx) => {
  if (text.trim() === '') return null;
  try { return parseDuration(text); } catch (e) { ctx.addIssue({ code: 'custom', message: (e as Error).message }); return z.NEVER; }
});
const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);
const list = (fallback: string) => z.string().default(fallback).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789';
const DEV_WEBHOOK_SECRET = 'whsec_dev_only_change_me';
const DEV_STRIPE_KEY = 'sk_test_tenurelocal';
const DEV_WEBHOOK_SECRETS_KEY = 'dev-only-webhook-secrets-key-change-me';
const STRIPE_MOCK_BASE = 'http://127.0.0.1:12111';
// Variables whose explicitly empty value means "none" rather than "the default": an empty
// STRIPE_API_BASE is the real Stripe API, as the README documents.
// An empty SMTP_URL turns email notifications off, even in development.
const EMPTY_MEANS_NONE = new Set(['STRIPE_API_BASE', 'SMTP_URL']);
// Mailpit of dev/stack: the development default of SMTP_URL (docs/notifications.md).
const DEV_SMTP_URL = 'smtp://127.0.0.1:1025';
const DEV_NOTIFY_FROM = 'Tenure Billing <billing@tenure.localhost>';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PORT: int(3000),
  PUBLIC_URL: z.string().url().default('http://127.0.0.1:3000'),
  // Where checkout and the portal may send the customer back (successUrl, cancelUrl, returnUrl).
  ALLOWED_REDIRECT_ORIGINS: list('').transform((entries, ctx) => {
    const origins = entries.map((entry) => { try { const u = new URL(entry); return /^https?:$/.test(u.protocol) ? u.origin : null; } catch { return null; } });
    if (origins.some((o) => o === null)) { ctx.addIssue({ code: 'custom', message: 'ALLOWED_REDIRECT_ORIGINS must be a comma-separated list of http(s) origins' }); return z.NEVER; }
    return origins as string[];
  }),
  DATABASE_URL: z.string().url().default('postgres://tenure:tenure@127.0.0.1:5433/tenure'),
  DATABASE_POOL_SIZE: int(10),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6380'),
  REDIS_KEY_PREFIX: z.string().default(''),
  KAFKA_BROKERS: list('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: z.string().default('tenure'),
  KAFKA_BILLING_TOPIC: z.string().default('billing.events'),
  KAFKA_USAGE_TOPIC: z.string().default('usage.events'),
  KAFKA_USAGE_DLQ_TOPIC: z.string().default('usage.events.dlq'),
  KAFKA_USAGE_GROUP: z.string().default('tenure-usage'),
  // How long the group waits for a usage consumer that stopped heartbeating (a crashed one) before
  // its partitions move on; the broker accepts 6s to 5m by default.
  KAFKA_USAGE_SESSION_TIMEOUT: duration('30s'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('billing'),
  TEMPORAL_CALL_DEADLINE: duration('10s'),
  STRIPE_SECRET_KEY: z.string().default(DEV_STRIPE_KEY),
  STRIPE_WEBHOOK_SECRET: z.string().default(DEV_WEBHOOK_SECRET),
  STRIPE_API_BASE: z.string().default(STRIPE_MOCK_BASE),
  // Stripe Tax at checkout and on subscription changes (issue 17); off unless exactly 'true'.
  STRIPE_AUTOMATIC_TAX: z.enum(['true', 'false'], { message: "STRIPE_AUTOMATIC_TAX must be 'true' or 'false'" }).default('false'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV_JWT_SECRET),
  JWT_MAX_TTL: duration('24h'),
  JWT_SERVICE_MAX_TTL: duration('30d'),
  JWT_ISSUER: z.string().default(''),
  JWT_AUDIENCE: z.string().default(''),
  RATE_LIMIT_MAX: int(600),
  RATE_LIMIT_WINDOW: duration('1m'),
  TRIAL_PERIOD: duration('14d'),
  TRIAL_REMINDERS: durationList('3d,1d'),
  DUNNING_RESTRICT_AFTER: duration('7d'),
  DUNNING_LOCK_AFTER: duration('14d'),
  ADMIN_LOCK_DEFAULT: optionalDuration,
  USAGE_GRACE_PERCENT: z.coerce.number().min(0).max(100).default(0),
  USAGE_IDEMPOTENCY_TTL: duration('24h'),
  USAGE_EVENT_DEDUPE_MARGIN: duration('7d'),
  USAGE_SNAPSHOT_CRON: z.string().regex(/^\S+( \S+){4}$/, 'USAGE_SNAPSHOT_CRON must be a 5-field cron expression').default('5 0 * * *'),
  PLAN_SYNC_CRON: z.string().regex(/^\S+( \S+){4}$/, 'PLAN_SYNC_CRON must be a 5-field cron expression').default('15 3 * * *'),
  // Drift repair: when the daily comparison of each subscription with Stripe runs, and how many
  // subscriptions it reads per second (Stripe allows 25/s in test mode and 100/s live, for everything).
  STRIPE_RECONCILE_CRON: z.string().regex(/^\S+( \S+){4}$/, 'STRIPE_RECONCILE_CRON must be a 5-field cron expression').default('0 3 * * *'),
  STRIPE_RECONCILE_RATE: z.coerce.number().positive().max(100).default(5),
  // How stale each process's copy of the feature catalog may be (a process's own writes show at once).
  FEATURE_CATALOG_TTL: duration('5s'),
  READINESS_OUTBOX_MAX_AGE: duration('1m'),
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_PORT: int(0),
  WORKER_METRICS_HOST: z.string().default('127.0.0.1'),
  WORKER_METRICS_PORT: int(9464),
  USAGE_CONSUMER_METRICS_PORT: int(9466),
  TEMPORAL_METRICS_PORT: int(9465),
  // Email notifications (workers/notifier.ts): off when SMTP_URL is unset outside development, or empty.
  SMTP_URL: z.string().optional().refine((u) => u === undefined || u === '' || /^smtps?:\/\/[^\s]+$/.test(u), 'SMTP_URL must be an smtp:// or smtps:// URL'),
  NOTIFY_FROM: z.string().min(3).default(DEV_NOTIFY_FROM),
  KAFKA_NOTIFY_GROUP: z.string().default('tenure-notifier'),
  NOTIFIER_METRICS_PORT: int(9467),
  // Outbound webhooks (docs/webhooks.md): the retry schedule, the receiver's time to answer, the
  // hosts allowed whatever they resolve to, and the key the signing secrets are encrypted with.
  WEBHOOK_RETRY_INITIAL: duration('5s'),
  WEBHOOK_RETRY_MAX_INTERVAL: duration('1h'),
  WEBHOOK_RETRY_WINDOW: duration('3d'),
  WEBHOOK_TIMEOUT: duration('10s'),
  WEBHOOK_POLL_INTERVAL: duration('30s'),
  WEBHOOK_SETTLE_LAG: duration('1s'),
  WEBHOOK_ALLOWED_HOSTS: list(''),
  WEBHOOK_SECRETS_KEY: z.string().min(16, 'WEBHOOK_SECRETS_KEY must be at least 16 characters').default(DEV_WEBHOOK_SECRETS_KEY),
  // After SIGTERM: how long running activities (worker), in-flight requests (API) and the batch in
  // hand (usage consumer, notifier) have to finish before they are cut off (config/shutdown.ts).
  WORKER_SHUTDOWN_GRACE: duration('30s'),
});

type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  /** allowedRedirectOrigins: ALLOWED_REDIRECT_ORIGINS as origins, or PUBLIC_URL's origin alone. */
  http: { host: string; port: number; publicUrl: string; allowedRedirectOrigins: string[] };
  db: { url: string; poolSize: number };
  redis: { url: string; keyPrefix: string };
  kafka: { brokers: string[]; clientId: string; billingTopic: string; usageTopic: string; usageDlqTopic: string; usageGroup: string; usageSessionTimeoutMs: number };
  /** callDeadlineMs: how long the API waits on one Temporal call before answering 503 (TEMPORAL_CALL_DEADLINE). */
  temporal: { address: string; namespace: string; taskQueue: string; callDeadlineMs: number };
  /** automaticTax: STRIPE_AUTOMATIC_TAX, Stripe Tax at checkout and on subscription changes. reconcileCron / reconcileRatePerSecond: the drift repair (STRIPE_RECONCILE_CRON, STRIPE_RECONCILE_RATE). */
  stripe: { secretKey: string; webhookSecret: string; apiBase: string | null; automaticTax: boolean; reconcileCron: string; reconcileRatePerSecond: number };
  /**
   * Bearer tokens: every token carries exp, lives at most maxTtlMs (serviceMaxTtlMs when its only
   * role is service), and names issuer and audience when they are configured (null: not checked).
   */
  auth: { jwtSecret: string; maxTtlMs: number; serviceMaxTtlMs: number; issuer: string | null; audience: string | null; rateLimitMax: number; rateLimitWindowMs: number };
  lifecycle: { trialPeriodMs: number; trialRemindersMs: number[]; dunningRestrictAfterMs: number; dunningLockAfterMs: number; defaultAdminLockMs: number | null };
  /** eventDedupeMarginMs: how long past its period's end a usage event id is remembered (docs/usage.md). */
  usage: { gracePercent: number; idempotencyTtlMs: number; eventDedupeMarginMs: number; snapshotCron: string };
  plans: { syncCron: string };
  /** catalogTtlMs: how long a process reuses its in-process copy of the feature catalog (FEATURE_CATALOG_TTL). */
  features: { catalogTtlMs: number };
  /** The API's /metrics: on its own listener at host:port, or on the API's port when port is 0. */
  /** outboxMaxAgeMs: /readyz answers `degraded` once the oldest unpublished billing event is older (READINESS_OUTBOX_MAX_AGE). */
  readiness: { outboxMaxAgeMs: number };
  metrics: { host: string; port: number };
  /** The worker's Prometheus endpoints; a port of 0 disables that endpoint. */
  /** usageConsumerPort, notifierPort: the usage consumer's and the notifier's GET /metrics (0 = off), on the same host. */
  workerMetrics: { host: string; port: number; temporalPort: number; usageConsumerPort: number; notifierPort: number };
  /** smtpUrl null: notifications are off (SMTP_URL empty, or unset outside development). Never log smtpUrl: it may hold a password. */
  notifications: { smtpUrl: string | null; from: string; groupId: string };
  webhooks: WebhookConfig;
  /** graceMs: WORKER_SHUTDOWN_GRACE, how long a process drains its work after SIGTERM or SIGINT. */
  shutdown: { graceMs: number };
}

/**
 * Outbound webhooks: retries start after retryInitialMs, double, wait at most retryMaxIntervalMs, and
 * stop retryWindowMs after the first attempt (then the endpoint is disabled); a receiver has timeoutMs
 * to answer 2xx. pollIntervalMs: how often an idle endpoint looks for events it was not woken for;
 * settleLagMs: how old an event row must be before it is delivered (docs/webhooks.md, "Ordering").
 * allowedHosts may be reached whatever they resolve to; secretsKey encrypts the signing secrets.
 */
export interface WebhookConfig {
  retryInitialMs: number; retryMaxIntervalMs: number; retryWindowMs: number; timeoutMs: number;
  pollIntervalMs: number; settleLagMs: number; allowedHosts: string[]; secretsKey: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => v !== undefined && (v !== '' || EMPTY_MEANS_NONE.has(k)))));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && (e.JWT_SECRET === DEV_JWT_SECRET || e.STRIPE_WEBHOOK_SECRET === DEV_WEBHOOK_SECRET)) {
    throw new ConfigError('invalid configuration:\n  JWT_SECRET and STRIPE_WEBHOOK_SECRET must be set in production');
  }
  const localStripe = developmentValues(e).filter((name) => name.startsWith('STRIPE_') && name !== 'STRIPE_WEBHOOK_SECRET');
  if (e.NODE_ENV === 'production' && localStripe.length > 0) {
    throw new ConfigError(`invalid configuration:\n  ${localStripe.join(', ')}: production talks to Stripe itself, never with the development key or to stripe-mock (an empty STRIPE_API_BASE means the real API)`);
  }
  const exposed = isLoopbackHost(e.HOST) ? [] : developmentValues(e);
  if (exposed.length > 0) {
    throw new ConfigError(`invalid configuration:\n  HOST ${e.HOST} is not a loopback address, so ${exposed.join(', ')} must not keep their development values (whatever NODE_ENV says)`);
  }
  if (e.JWT_SERVICE_MAX_TTL < e.JWT_MAX_TTL) {
    throw new ConfigError('invalid configuration:\n  JWT_SERVICE_MAX_TTL must not be shorter than JWT_MAX_TTL');
  }
  if (e.NODE_ENV === 'production' && smtpUrlOf(e) !== null && e.NOTIFY_FROM === DEV_NOTIFY_FROM) {
    throw new ConfigError('invalid configuration:\n  NOTIFY_FROM must be set in production when SMTP_URL is');
  }
  if (e.DUNNING_LOCK_AFTER <= e.DUNNING_RESTRICT_AFTER) {
    throw new ConfigError('invalid configuration:\n  DUNNING_LOCK_AFTER must be longer than DUNNING_RESTRICT_AFTER');
  }
  // The webhook signing secrets are encrypted under this key; the development one is public.
  if (e.NODE_ENV === 'production' && e.WEBHOOK_SECRETS_KEY === DEV_WEBHOOK_SECRETS_KEY) {
    throw new ConfigError('invalid configuration:\n  WEBHOOK_SECRETS_KEY must be set in production');
  }
  return toConfig(e);
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
/** SMTP_URL as given; unset means Mailpit in development and off elsewhere; empty means off. */
const smtpUrlOf = (e: Env): string | null => (e.SMTP_URL === undefined ? (e.NODE_ENV === 'development' ? DEV_SMTP_URL : null) : orNull(e.SMTP_URL));

/** True for the addresses only this machine can reach: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/** A Stripe API base that is stripe-mock (or anything else on this machine), not Stripe. */
export function isMockStripeBase(base: string): boolean {
  if (base.trim() === '') return false;
  try {
    const url = new URL(base);
    return isLoopbackHost(url.hostname) || url.hostname.includes('stripe-mock') || url.port === '12111' || url.port === '12112';
  } catch {
    return true;
  }
}

// The variables still holding a value that is public (in this file, or pointing at stripe-mock):
// fine on a loopback address, never on one other machines can reach.
function developmentValues(e: Env): string[] {
  return [
    ...(e.JWT_SECRET === DEV_JWT_SECRET ? ['JWT_SECRET'] : []),
    ...(e.STRIPE_WEBHOOK_SECRET === DEV_WEBHOOK_SECRET ? ['STRIPE_WEBHOOK_SECRET'] : []),
    ...(e.STRIPE_SECRET_KEY === DEV_STRIPE_KEY ? ['STRIPE_SECRET_KEY'] : []),
    ...(isMockStripeBase(e.STRIPE_API_BASE) ? ['STRIPE_API_BASE'] : []),
  ];
}

function toConfig(e: Env): Config {
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { host: e.HOST, port: e.PORT, publicUrl: e.PUBLIC_URL, allowedRedirectOrigins: e.ALLOWED_REDIRECT_ORIGINS.length > 0 ? e.ALLOWED_REDIRECT_ORIGINS : [new URL(e.PUBLIC_URL).origin] },
    db: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    kafka: { brokers: e.KAFKA_BROKERS, clientId: e.KAFKA_CLIENT_ID, billingTopic: e.KAFKA_BILLING_TOPIC, usageTopic: e.KAFKA_USAGE_TOPIC, usageDlqTopic: e.KAFKA_USAGE_DLQ_TOPIC, usageGroup: e.KAFKA_USAGE_GROUP, usageSessionTimeoutMs: e.KAFKA_USAGE_SESSION_TIMEOUT },
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE, callDeadlineMs: e.TEMPORAL_CALL_DEADLINE },
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: e.STRIPE_API_BASE.trim() === '' ? null : e.STRIPE_API_BASE,
      automaticTax: e.STRIPE_AUTOMATIC_TAX === 'true', reconcileCron: e.STRIPE_RECONCILE_CRON, reconcileRatePerSecond: e.STRIPE_RECONCILE_RATE,
    },
    auth: { jwtSecret: e.JWT_SECRET, maxTtlMs: e.JWT_MAX_TTL, serviceMaxTtlMs: e.JWT_SERVICE_MAX_TTL, issuer: orNull(e.JWT_ISSUER), audience: orNull(e.JWT_AUDIENCE), rateLimitMax: e.RATE_LIMIT_MAX, rateLimitWindowMs: e.RATE_LIMIT_WINDOW },
    lifecycle: { trialPeriodMs: e.TRIAL_PERIOD, trialRemindersMs: e.TRIAL_REMINDERS, dunningRestrictAfterMs: e.DUNNING_RESTRICT_AFTER, dunningLockAfterMs: e.DUNNING_LOCK_AFTER, defaultAdminLockMs: e.ADMIN_LOCK_DEFAULT },
    usage: { gracePercent: e.USAGE_GRACE_PERCENT, idempotencyTtlMs: e.USAGE_IDEMPOTENCY_TTL, eventDedupeMarginMs: e.USAGE_EVENT_DEDUPE_MARGIN, snapshotCron: e.USAGE_SNAPSHOT_CRON },
    plans: { syncCron: e.PLAN_SYNC_CRON },
    features: { catalogTtlMs: e.FEATURE_CATALOG_TTL },
    readiness: { outboxMaxAgeMs: e.READINESS_OUTBOX_MAX_AGE },
    metrics: { host: e.METRICS_HOST, port: e.METRICS_PORT },
    workerMetrics: { host: e.WORKER_METRICS_HOST, port: e.WORKER_METRICS_PORT, temporalPort: e.TEMPORAL_METRICS_PORT, usageConsumerPort: e.USAGE_CONSUMER_METRICS_PORT, notifierPort: e.NOTIFIER_METRICS_PORT },
    notifications: { smtpUrl: smtpUrlOf(e), from: e.NOTIFY_FROM, groupId: e.KAFKA_NOTIFY_GROUP },
    webhooks: {
      retryInitialMs: e.WEBHOOK_RETRY_INITIAL, retryMaxIntervalMs: e.WEBHOOK_RETRY_MAX_INTERVAL, retryWindowMs: e.WEBHOOK_RETRY_WINDOW, timeoutMs: e.WEBHOOK_TIMEOUT,
      pollIntervalMs: e.WEBHOOK_POLL_INTERVAL, settleLagMs: e.WEBHOOK_SETTLE_LAG, allowedHosts: e.WEBHOOK_ALLOWED_HOSTS, secretsKey: e.WEBHOOK_SECRETS_KEY,
    },
    shutdown: { graceMs: e.WORKER_SHUTDOWN_GRACE },
  };
}

