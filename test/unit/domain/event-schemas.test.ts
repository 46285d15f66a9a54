// Every event Tenure emits matches its catalog schema: the schemas compile under strict Ajv, every
// event the golden grid produces validates (and together they cover every lifecycle type), the
// usage events validate as their producers build them, and a payload off by one field is rejected.
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG, EVENT_TYPES, billingEvent, envelopeSchema, type BillingEvent, type BillingEventType } from '../../../domain/events.js';
import { exampleEvents } from '../../../domain/events/examples.js';
import { reduce, type TenantState } from '../../../domain/lifecycle/index.js';
import { defaultPlan } from '../../../db/seed/demo-plans.js';
import { SEED_FEATURES } from '../../../db/seed/demo-features.js';
import { meteredLimits } from '../../../domain/plans/types.js';
import { countedFeatures, periodDate } from '../../../domain/usage/metrics.js';
import { duplicateCancelledEvent } from '../../../domain/stripe/duplicate-subscription.js';
import { thresholdEvent } from '../../../domain/usage/thresholds.js';
import { strictAjv } from '../../support/ajv.js';
import { ADMIN_INPUTS, OVERRIDE_INPUTS, PLAN_INPUTS, STRIPE_INPUTS, TICK_INPUTS } from '../lifecycle/grid-inputs.js';
import { FIXTURES, registerTenant } from '../lifecycle/harness.js';
import { endpointDisabledEvent } from '../../../domain/webhooks/disabled-event.js';

/** Catalog types no lifecycle input produces, and why; each is validated from its own producer below. */
const NOT_FROM_THE_GRID: Partial<Record<BillingEventType, string>> = {
  'usage.threshold_crossed': 'decided by the consume script in Redis and built by thresholdEvent, not by the reducer',
  'usage.monthly_summary': 'built by the resetUsage activity after the reducer requests a usage reset',
  'subscription.duplicate_cancelled': 'decided by the webhook use case before the event reaches the lifecycle, built by duplicateCancelledEvent',
  'tenant.erased': 'recorded by the erase use case (services/admin/erase-tenant.ts) after the lifecycle of a closed account has ended',
  'webhook_endpoint.disabled': 'recorded by the webhook endpoint delivery workflow (disableWebhookEndpoint) when a retry window runs out; not a tenant lifecycle event',
};

const ajv = strictAjv();
const validators = new Map(EVENT_TYPES.map((t) => [t, ajv.compile(envelopeSchema(t))]));

/** The schema errors of an event, as one readable string; empty when it is valid. */
function problems(event: BillingEvent): string {
  const validate = validators.get(event.type);
  if (validate === undefined) return `${event.id}: no schema for type ${event.type}`;
  return validate(event) ? '' : `${event.id}: ${ajv.errorsText(validate.errors, { dataVar: 'event' })}`;
}

/** Every event the golden grid publishes: each fixture × each input (with its multi-step sequences), plus registration. */
function gridEvents(): BillingEvent[] {
  const inputs = [STRIPE_INPUTS, ADMIN_INPUTS, PLAN_INPUTS, TICK_INPUTS, OVERRIDE_INPUTS].flatMap((rows) => Object.values(rows));
  const events: BillingEvent[] = [];
  const collect = (commands: ReturnType<typeof reduce>['commands']) => {
    for (const c of commands) if (c.type === 'publishEvent') events.push(c.event);
  };
  // The fixtures start from this registration; its own commands carry tenant.created.
  collect(registerTenant().commands);
  for (const build of Object.values(FIXTURES)) {
    for (const input of inputs) {
      const fixture = build();
      let state: TenantState = fixture.state;
      for (const [step, now] of input(fixture)) {
        const result = reduce(state, step, now);
        collect(result.commands);
        state = result.state;
      }
    }
  }
  return events;
}

/** A monthly summary built exactly as activities/usage/reset-usage.ts builds it, from Redis's MGET answer. */
function monthlySummary(values: (string | null)[]): BillingEvent {
  const input = { tenantId: 't1', period: { start: Date.UTC(2025, 0, 15, 12), end: Date.UTC(2025, 1, 15, 12) }, limits: meteredLimits(defaultPlan('starter').entitlements) };
  const monthly = countedFeatures(SEED_FEATURES, 'monthly').map((f) => f.key);
  const used = Object.fromEntries(monthly.map((m, i) => [m, Number(values[i] ?? 0)]));
  const metrics = Object.fromEntries(monthly.map((m) => [m, { used: used[m]!, limit: input.limits[m] ?? 0 }]));
  return billingEvent(input.tenantId, 'usage.monthly_summary', periodDate(input.period.start), input.period.end, { period: input.period, metrics });
}

describe('event catalog', () => {
  it.each(EVENT_TYPES)('%s has a description, a positive version, and schemas that compile in strict mode', (type) => {
    const { version, description, schema } = EVENT_CATALOG[type];
    expect(Number.isInteger(version) && version >= 1).toBe(true);
    expect(description.length).toBeGreaterThan(0);
    expect(() => strictAjv().compile(schema)).not.toThrow();
    expect(() => strictAjv().compile(envelopeSchema(type))).not.toThrow();
  });

  it('builds envelopes with the version from the catalog', () => {
    const event = billingEvent('t1', 'tenant.discount_applied', 'v2', 0, { couponId: 'C', actor: 'ops' });
    expect(event).toEqual({ id: 't1:tenant.discount_applied:v2', type: 'tenant.discount_applied', version: EVENT_CATALOG['tenant.discount_applied'].version, tenantId: 't1', occurredAt: '1970-01-01T00:00:00.000Z', data: { couponId: 'C', actor: 'ops' } });
  });

  it('documents examples that validate, one per payload shape', () => {
    for (const type of EVENT_TYPES) {
      const examples = exampleEvents(type);
      expect(examples.map(problems).filter((p) => p !== '')).toEqual([]);
      expect(examples).toHaveLength(EVENT_CATALOG[type].schema.oneOf?.length ?? 1);
    }
  });
});

describe('events the golden grid produces', () => {
  const events = gridEvents();

  it('all validate against their type\'s schema', () => {
    expect(events.map(problems).filter((p) => p !== '')).toEqual([]);
  });

  it('cover every lifecycle type in the catalog', () => {
    const seen = new Set(events.map((e) => e.type));
    const lifecycleTypes = EVENT_TYPES.filter((t) => NOT_FROM_THE_GRID[t] === undefined);
    expect([...seen].sort()).toEqual([...lifecycleTypes].sort());
  });

  it('cover every shape of a type whose payload depends on its source', () => {
    for (const type of EVENT_TYPES.filter((t) => NOT_FROM_THE_GRID[t] === undefined)) {
      const variants = EVENT_CATALOG[type].schema.oneOf ?? [];
      const data = events.filter((e) => e.type === type).map((e) => e.data);
      for (const variant of variants) expect(data.some((d) => ajv.validate(variant, d)), `${type}: ${variant.description}`).toBe(true);
    }
  });
});

describe('usage events, from their own producers', () => {
  it('a threshold crossing validates, for each threshold', () => {
    for (const percent of [80, 100]) {
      const event = thresholdEvent({ tenantId: 't1', metric: 'email_sends', periodStart: Date.UTC(2025, 0, 15, 12), percent, used: percent * 10, limit: 1_000, at: Date.UTC(2025, 0, 20) });
      expect(problems(event)).toBe('');
    }
  });

  it('a monthly summary validates, with counters present or missing (a period without usage)', () => {
    expect(problems(monthlySummary(['640', '12']))).toBe('');
    expect(problems(monthlySummary([null, null]))).toBe('');
  });

  it('a cancelled duplicate subscription validates, with and without a known plan', () => {
    expect(problems(duplicateCancelledEvent('t1', 'sub_second', 'sub_first', 'growth', Date.UTC(2025, 0, 20)))).toBe('');
    expect(problems(duplicateCancelledEvent('t1', 'sub_second', 'sub_first', null, Date.UTC(2025, 0, 20)))).toBe('');
  });
});

describe('webhook events, from their own producer', () => {
  it('a disabled endpoint validates, with and without a last error', () => {
    const data = { endpointId: 'we_1', url: 'https://hooks.example.com/x', eventId: 't1:payment.failed:evt_1', attempts: 80, failingSince: Date.UTC(2025, 0, 17) };
    expect(problems(endpointDisabledEvent({ ...data, lastError: 'HTTP 500' }, Date.UTC(2025, 0, 20)))).toBe('');
    expect(problems(endpointDisabledEvent({ ...data, lastError: null }, Date.UTC(2025, 0, 20)))).toBe('');
  });
});

describe('schemas reject a payload that is off by one field', () => {
  const created = registerTenant().commands.flatMap((c) => (c.type === 'publishEvent' ? [c.event] : []))[0]!;
  // Deliberately wrong events, as a consumer could receive them from a buggy producer.
  const forged = (value: unknown): BillingEvent => value as BillingEvent;
  const withData = (data: Record<string, unknown>) => forged({ ...created, data });

  it('accepts the real event it starts from', () => {
    expect(problems(created)).toBe('');
  });

  it('rejects an unknown field, in the payload or the envelope', () => {
    expect(problems(withData({ ...created.data, plan: 'starter' }))).toContain('must NOT have additional properties');
    expect(problems(forged({ ...created, source: 'tenure' }))).toContain('must NOT have additional properties');
  });

  it('rejects a missing field, even a nullable one', () => {
    const { trialEndsAt: _dropped, ...rest } = created.data as Record<string, unknown>;
    expect(problems(withData(rest))).toContain("must have required property 'trialEndsAt'");
  });

  it('rejects a wrong type, a value outside an enum, a wrong version and a malformed date', () => {
    expect(problems(withData({ ...created.data, trialEndsAt: new Date(0).toISOString() }))).toContain('must be integer,null');
    const unlock = forged({ id: 'x', type: 'tenant.unlocked', version: 1, tenantId: 't1', occurredAt: created.occurredAt, data: { source: 'admin', auto: true, actor: null, reason: null, paymentStatus: 'overdue' } });
    expect(problems(unlock)).toContain('must be equal to one of the allowed values');
    expect(problems(forged({ ...created, version: 2 }))).toContain('must be equal to constant');
    expect(problems(forged({ ...created, occurredAt: 'yesterday' }))).toContain('must match format "date-time"');
  });
});
