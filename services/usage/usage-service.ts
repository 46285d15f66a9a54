import type { Redis } from 'ioredis';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { consumableFeature } from '../../domain/entitlements/resolve.js';
import type { FeatureCatalog } from '../../domain/entitlements/features.js';
import type { MetricKind } from '../../domain/usage/metrics.js';
import type { CatalogReader } from '../features/catalog-reader.js';
import { THRESHOLD_OUTBOX_KEY, accessKey, counterKey, idempotencyKey, limitsKey, requestFingerprint, thresholdKey } from '../../domain/usage/keys.js';
import { remainingCapacity } from '../../domain/usage/limits.js';
import { toConsumeOutcome, type ConsumeInput, type ConsumeOutcome, type ReleaseInput, type ReleaseOutcome, type UnknownFeatureOutcome } from './usage-outcomes.js';
import { rebuildCounters } from './rebuild-counters.js';
import { loadUsageScripts, type ScriptReply } from './usage-scripts.js';

// The consume/release use case, shared by the HTTP routes and the Kafka usage consumer. Redis is the
// fast path; a tenant Redis does not know is rebuilt from Postgres once, then retried.

export interface UsageServiceDeps {
  redis: Redis;
  db: Db;
  log: Logger;
  gracePercent: number;
  idempotencyTtlMs: number;
  /**
   * How long past the end of its period a usage event's id is kept (default: idempotencyTtlMs). Until then a
   * replay is a duplicate; after it, the period has closed and the replay is refused as dated before it.
   */
  eventDedupeMarginMs?: number;
  /** Called when a consume fired a threshold (its event waits in the Redis outbox). */
  onThresholdCrossed?: () => void;
  /** Says which features are counted, and how (gauge or monthly). */
  features: CatalogReader;
}

const THRESHOLD_TTL_S = 62 * 86_400;
const PERIOD_CACHE_MAX = 100_000;
const UNKNOWN_PERIOD = '?';
/** Operations per script call: bounds how long one call holds Redis (about 10 µs each). */
const BATCH = 100;
const KEY_CACHE_MAX = 100_000;

export type UsageService = ReturnType<typeof createUsageService>;

const kindMaps = new WeakMap<FeatureCatalog, ReadonlyMap<string, MetricKind>>();

/** The catalog's consumed features by key, with their kind; memoized per catalog copy (the hot path asks on every call). */
function consumedKinds(catalog: FeatureCatalog): ReadonlyMap<string, MetricKind> {
  let kinds = kindMaps.get(catalog);
  if (!kinds) {
    kinds = new Map(catalog.flatMap((f): [string, MetricKind][] => (f.kind === 'gauge' || f.kind === 'monthly' ? [[f.key, f.kind]] : [])));
    kindMaps.set(catalog, kinds);
  }
  return kinds;
}

/** Why consume or release refuses a metric: unknown to the catalog, or of a kind the operation does not count. */
function refusal(catalog: FeatureCatalog, metric: string, op: 'consume' | 'release'): UnknownFeatureOutcome['problem'] {
  const checked = consumableFeature(catalog, metric, op);
  return checked.ok ? 'unknown_feature' : checked.problem;
}
export type { ConsumeInput, ConsumeOutcome, ReleaseInput, ReleaseOutcome };

/** Builds the service around one Redis connection; the scripts are loaded on it once. */
export function createUsageService(deps: UsageServiceDeps) {
  const scripts = loadUsageScripts(deps.redis);
  const rebuild = rebuildCounters(deps);
  // The period each tenant's counters are keyed by, as last seen in Redis. The script checks it and
  // answers 'stale' with the current one, so a stale entry costs one extra round trip, never a wrong count.
  const periods = new Map<string, string>();
  const rebuilding = new Map<string, Promise<boolean>>();
  const idemTtlS = Math.max(1, Math.round(deps.idempotencyTtlMs / 1000));
  const eventMarginS = Math.max(1, Math.round((deps.eventDedupeMarginMs ?? deps.idempotencyTtlMs) / 1000));

  const rememberPeriod = (tenantId: string, period: string) => {
    if (periods.size >= PERIOD_CACHE_MAX) periods.clear();
    periods.set(tenantId, period);
  };
  // One rebuild per tenant at a time, however many requests find the keys missing.
  const ensureRebuilt = (tenantId: string): Promise<boolean> => {
    let running = rebuilding.get(tenantId);
    if (!running) {
      running = rebuild(tenantId).finally(() => rebuilding.delete(tenantId));
      rebuilding.set(tenantId, running);
    }
    return running;
  };

  // The five keys of a (tenant, metric, period), built once: the hot path would otherwise allocate them per call.
  const keySets = new Map<string, string[]>();
  function tenantKeys(t: string, metric: string, kind: MetricKind, period: string): string[] {
    const id = `${t}\n${metric}\n${period}`;
    let keys = keySets.get(id);
    if (!keys) {
      if (keySets.size >= KEY_CACHE_MAX) keySets.clear();
      keys = [limitsKey(t), accessKey(t), counterKey(t, metric, kind, period), thresholdKey(t, metric, period, 80), thresholdKey(t, metric, period, 100)];
      keySets.set(id, keys);
    }
    return keys;
  }

  // One script call for a slice of operations (all of counted features), in order.
  async function runConsume(inputs: ConsumeInput[], dryRun: boolean, kinds: ReadonlyMap<string, MetricKind>): Promise<ScriptReply[]> {
    const keys: string[] = [THRESHOLD_OUTBOX_KEY];
    const args: (string | number)[] = [deps.gracePercent, THRESHOLD_TTL_S, Date.now(), dryRun ? '1' : '0'];
    for (const input of inputs) {
      const t = input.tenantId;
      const period = periods.get(t) ?? UNKNOWN_PERIOD;
      keys.push(...tenantKeys(t, input.metric, kinds.get(input.metric)!, period), idempotencyKey(t, input.idempotencyKey ?? '-', 'consume'));
      const ttl = !input.idempotencyKey || dryRun ? 0 : input.occurredAt === undefined ? idemTtlS : eventMarginS;
      // 0 means 'no period check' to the script: an event dated at or before the epoch still gets one (and is refused).
      args.push(input.metric, input.amount, period, ttl, t, requestFingerprint(input.metric, input.amount), input.occurredAt === undefined ? 0 : Math.max(1, input.occurredAt));
    }
    return scripts.consume(keys, args);
  }

  // Tenants seen for the first time: read their period up front (one small read each) rather than
  // sending all their operations once with an unknown period.
  async function learnPeriods(inputs: ConsumeInput[]): Promise<void> {
    const unknown = [...new Set(inputs.map((i) => i.tenantId))].filter((t) => !periods.has(t));
    const found = await Promise.all(unknown.map((t) => deps.redis.hget(limitsKey(t), '_period')));
    unknown.forEach((t, n) => { if (found[n] !== null) rememberPeriod(t, found[n]!); });
  }

  /**
   * Consumes usage for each input, in order, atomically per input: access, limit plus grace,
   * increment, thresholds, idempotency. Batches share one script call per slice of BATCH inputs.
   */
  async function consumeMany(inputs: ConsumeInput[], opts: { dryRun?: boolean } = {}): Promise<ConsumeOutcome[]> {
    const outcomes: (ConsumeOutcome | undefined)[] = new Array(inputs.length);
    const catalog = await deps.features.list();
    const kinds = consumedKinds(catalog);
    let pending = inputs.flatMap((input, i) => {
      if (kinds.has(input.metric)) return [i];
      outcomes[i] = { kind: 'unknown_feature', problem: refusal(catalog, input.metric, 'consume') };
      return [];
    });
    const rebuilt = new Set<string>();
    await learnPeriods(inputs);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= 4) throw new Error(`consume did not settle for tenants ${[...new Set(pending.map((i) => inputs[i]!.tenantId))].join(', ')}`);
      const stale: number[] = [];
      const missing: number[] = [];
      // Slices go out together: one connection keeps them in order, and Redis runs them in that order.
      const slices = Array.from({ length: Math.ceil(pending.length / BATCH) }, (_, n) => pending.slice(n * BATCH, (n + 1) * BATCH));
      const calls: Promise<ScriptReply[]>[] = [];
      for (const slice of slices) {
        calls.push(runConsume(slice.map((i) => inputs[i]!), opts.dryRun ?? false, kinds));
        // Let the pipeline flush every few slices, so Redis works while the next ones are built.
        if (calls.length % 8 === 0) await new Promise<void>((r) => setImmediate(r));
      }
      const replies = (await Promise.all(calls)).flat();
      pending.forEach((i, j) => {
        const reply = replies[j]!;
        if (reply[0] === 'stale') { rememberPeriod(inputs[i]!.tenantId, String(reply[1])); stale.push(i); }
        else if (reply[0] === 'missing') missing.push(i);
        else outcomes[i] = toConsumeOutcome(reply, deps.gracePercent, deps.onThresholdCrossed);
      });
      const rebuiltNow = await rebuildMissing(inputs, missing, rebuilt, outcomes);
      pending = [...stale, ...rebuiltNow].sort((a, b) => a - b);
    }
    return outcomes as ConsumeOutcome[];
  }

  // A tenant Redis does not know is rebuilt from Postgres once per call; if it is still missing
  // (or Postgres does not know it either) its operations are answered 'not found'.
  async function rebuildMissing(inputs: ConsumeInput[], missing: number[], rebuilt: Set<string>, outcomes: (ConsumeOutcome | undefined)[]): Promise<number[]> {
    const tenants = [...new Set(missing.map((i) => inputs[i]!.tenantId))];
    const found = new Map(await Promise.all(tenants.map(async (t) => [t, !rebuilt.has(t) && (await ensureRebuilt(t))] as const)));
    tenants.forEach((t) => rebuilt.add(t));
    return missing.filter((i) => {
      if (found.get(inputs[i]!.tenantId)) return true;
      outcomes[i] = { kind: 'tenant_not_found' };
      return false;
    });
  }

  /** Consumes usage for one input (see consumeMany). */
  async function consume(input: ConsumeInput): Promise<ConsumeOutcome> {
    return (await consumeMany([input], { dryRun: input.dryRun }))[0]!;
  }

  /** Decrements a gauge, never below zero; idempotent by key like consume (a key reused with another amount is refused). */
  async function release(input: ReleaseInput): Promise<ReleaseOutcome> {
    const t = input.tenantId;
    const checked = consumableFeature(await deps.features.list(), input.metric, 'release');
    if (!checked.ok) return { kind: 'unknown_feature', problem: checked.problem };
    const keys = [limitsKey(t), counterKey(t, input.metric, 'gauge', 'live'), idempotencyKey(t, input.idempotencyKey ?? '-', 'release')];
    for (let attempt = 0; attempt < 2; attempt++) {
      const reply = await scripts.release(keys, [input.metric, input.amount, input.idempotencyKey ? idemTtlS : 0, requestFingerprint(input.metric, input.amount)]);
      if (reply[0] === 'reused') return { kind: 'idempotency_key_reused' };
      if (reply[0] === 'missing') {
        if (attempt > 0 || !(await ensureRebuilt(t))) return { kind: 'tenant_not_found' };
        continue;
      }
      const [used, limit] = reply[0] === 'dup' ? String(reply[1]).split(':').map(Number) as [number, number] : [Number(reply[1]), Number(reply[2])];
      const lim = limit < 0 ? null : limit;
      return { kind: 'released', used, limit: lim, remaining: remainingCapacity(used, lim, deps.gracePercent), duplicate: reply[0] === 'dup' };
    }
    return { kind: 'tenant_not_found' };
  }

  /** Makes sure Redis holds the tenant's enforcement record, rebuilding it if missing; false for an unknown tenant. */
  async function ensurePresent(tenantId: string): Promise<boolean> {
    return (await deps.redis.exists(limitsKey(tenantId))) === 1 || ensureRebuilt(tenantId);
  }

  return { consume, consumeMany, release, ensureRebuilt, ensurePresent };
}
