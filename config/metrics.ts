import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from 'prom-client';

// One registry per process (or per app in tests). Names follow Prometheus conventions.
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tenure_' });
  return {
    registry,
    httpRequestDuration: new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP request duration by route and status', labelNames: ['method', 'route', 'status'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] }),
    tenantsRegistered: new Counter({ name: 'tenure_tenants_registered_total', help: 'Tenants registered through POST /tenants (new lifecycles started)', registers: [registry] }),
    webhooksReceived: new Counter({ name: 'billing_webhooks_received_total', help: 'Stripe webhooks received, by outcome', labelNames: ['outcome'] as const, registers: [registry] }),
    webhooksFailed: new Counter({ name: 'billing_webhooks_failed_total', help: 'Stripe webhooks that failed (bad signature or dependency down)', labelNames: ['reason'] as const, registers: [registry] }),
    webhooksOrphaned: new Counter({ name: 'billing_webhooks_orphaned_total', help: 'Stripe webhooks whose tenant could not be resolved', registers: [registry] }),
    duplicateSubscriptionsCancelled: new Counter({ name: 'billing_duplicate_subscriptions_cancelled_total', help: 'Second subscriptions of a tenant that already had a live one, cancelled at once', registers: [registry] }),
    webhooksIgnored: new Counter({ name: 'billing_webhooks_ignored_total', help: 'Stripe webhooks stored but not forwarded, by reason (unhandled_type, lifecycle_ended, duplicate_subscription, tenant_closed)', labelNames: ['reason'] as const, registers: [registry] }),
    usageTotal: new Counter({ name: 'billing_usage_total', help: 'Usage consumed, by metric', labelNames: ['metric'] as const, registers: [registry] }),
    limitExceeded: new Counter({ name: 'billing_limit_exceeded_total', help: 'Consumes refused for a limit, by metric', labelNames: ['metric'] as const, registers: [registry] }),
    usagePercentage: new Gauge({ name: 'billing_usage_percentage', help: 'Last observed usage percentage of the limit, by metric (max over tenants seen)', labelNames: ['metric'] as const, registers: [registry] }),
    usageDecisions: new Counter({ name: 'billing_usage_decisions_total', help: 'Consume decisions, by metric and outcome (allowed, duplicate, limit_exceeded, blocked, key_reused, not_found)', labelNames: ['metric', 'outcome'] as const, registers: [registry] }),
    usageThresholdsCrossed: new Counter({ name: 'billing_usage_thresholds_crossed_total', help: 'Usage thresholds fired (each once per tenant, metric, period and threshold), by metric and threshold', labelNames: ['metric', 'threshold'] as const, registers: [registry] }),
    checkoutDuration: new Histogram({ name: 'billing_checkout_duration_ms', help: 'Checkout session creation time in ms', buckets: [10, 25, 50, 100, 250, 500, 1000, 2500], registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** The usage consumer's registry: usage events it did not apply, by reason (period_closed, limit_exceeded, blocked). */
export function createUsageConsumerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tenure_usage_consumer_' });
  return {
    registry,
    usageEventsRefused: new Counter({ name: 'billing_usage_events_refused_total', help: 'Usage events from Kafka not applied, by reason (period_closed: dated before the tenant\'s current period, dead-lettered; limit_exceeded; blocked)', labelNames: ['reason'] as const, registers: [registry] }),
  };
}
export type UsageConsumerMetrics = ReturnType<typeof createUsageConsumerMetrics>;

/** The notifier's registry (workers/notifier.ts): emails sent, skipped and failed, by event type and reason. */
export function createNotifierMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tenure_notifier_' });
  return {
    registry,
    sent: new Counter({ name: 'billing_notifications_sent_total', help: 'Notification emails the SMTP server accepted, by event type', labelNames: ['type'] as const, registers: [registry] }),
    skipped: new Counter({ name: 'billing_notifications_skipped_total', help: 'Notified events that sent no email, by event type and reason (duplicate, no_billing_email, unknown_tenant, invalid_event)', labelNames: ['type', 'reason'] as const, registers: [registry] }),
    failed: new Counter({ name: 'billing_notifications_failed_total', help: 'Notification emails not sent, by event type and reason (rejected, outcome_unknown: given up; retrying: the SMTP server was unreachable or said try later, retried)', labelNames: ['type', 'reason'] as const, registers: [registry] }),
  };
}
export type NotifierMetrics = ReturnType<typeof createNotifierMetrics>;

/**
 * The billing worker's registry (served by workers/worker-metrics.ts, not by the API): lifecycle
 * transitions counted where billing events are published, trials counted from the projection, and
 * stuck lifecycles counted in Temporal visibility (NeedsAttention is set).
 */
export function createWorkerMetrics(opts: { countActiveTrials: () => Promise<number>; outboxBacklog: () => Promise<{ pending: number; oldestRecordedAt: Date | null }>; countStuckLifecycles?: () => Promise<number>; countDisabledWebhookEndpoints?: () => Promise<number> }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tenure_worker_' });
  return {
    registry,
    lifecycleTransitions: new Counter({ name: 'billing_lifecycle_transitions_total', help: 'Billing events published by the lifecycle workflows, by event type (tenant.created, payment.failed, tenant.restricted...)', labelNames: ['type'] as const, registers: [registry] }),
    activeTrials: new Gauge({
      name: 'active_trials_count', help: 'Tenants currently in trial (from the projection, read at scrape time)', registers: [registry],
      // Read at scrape time; if Postgres does not answer, the last value stays rather than failing the scrape.
      async collect() { try { this.set(await opts.countActiveTrials()); } catch { /* keep the last value */ } },
    }),
    outboxPending: new Gauge({
      name: 'billing_outbox_pending', help: 'Billing events recorded but not yet published to Kafka (the outbox backlog, read at scrape time)', registers: [registry],
      async collect() { try { this.set((await opts.outboxBacklog()).pending); } catch { /* keep the last value */ } },
    }),
    lifecycleStuck: new Gauge({
      name: 'billing_lifecycle_stuck', help: "Running lifecycles of this worker's task queue marked NeedsAttention: a side effect failed for good and waits for `tenure tenants repair` (Temporal visibility count at scrape time)", registers: [registry],
      async collect() {
        if (!opts.countStuckLifecycles) return;
        try { this.set(await opts.countStuckLifecycles()); } catch { /* keep the last value */ }
      },
    }),
    stripeReconcileChanges: new Counter({ name: 'billing_stripe_reconcile_changes_total', help: "Differences the drift repair found between a tenant's subscription and Stripe's and fed to the lifecycle, by field (status, planId, priceId, cancelAtPeriodEnd, currentPeriodEnd)", labelNames: ['field'] as const, registers: [registry] }),
    webhookDeliveryFailures: new Counter({ name: 'billing_webhook_delivery_failures_total', help: 'Outbound webhook delivery attempts that failed, by kind (status: the receiver answered other than 2xx; error: no answer, a timeout, or a forbidden address); each is retried on the schedule', labelNames: ['kind'] as const, registers: [registry] }),
    webhookEndpointsDisabled: new Gauge({
      name: 'billing_webhook_endpoints_disabled', help: 'Webhook endpoints disabled because an event failed for their whole retry window (WEBHOOK_RETRY_WINDOW); read at scrape time', registers: [registry],
      async collect() {
        if (!opts.countDisabledWebhookEndpoints) return;
        try { this.set(await opts.countDisabledWebhookEndpoints()); } catch { /* keep the last value */ }
      },
    }),
    outboxOldestAge: new Gauge({
      name: 'billing_outbox_oldest_pending_seconds', help: 'Age of the oldest billing event waiting in the outbox (0 when it is empty)', registers: [registry],
      async collect() {
        try {
          const { oldestRecordedAt } = await opts.outboxBacklog();
          this.set(oldestRecordedAt ? Math.max(0, (Date.now() - oldestRecordedAt.getTime()) / 1000) : 0);
        } catch { /* keep the last value */ }
      },
    }),
  };
}
export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
