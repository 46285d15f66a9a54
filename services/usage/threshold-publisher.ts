import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { THRESHOLD_OUTBOX_KEY } from '../../domain/usage/keys.js';
import { thresholdEvent, type ThresholdCrossing } from '../../domain/usage/thresholds.js';
import { publishEvents } from '../events/publish-events.js';

// Drains the threshold outbox (a Redis stream the consume script appends to, in the same atomic
// step that decides the crossing) into billing_events, the outbox the relay publishes to Kafka. A consumer group gives
// at-least-once delivery across processes; the deterministic event id makes repeats harmless
// (billing_events ignores a known id; Kafka consumers deduplicate by id).

export interface ThresholdPublisherDeps { redis: Redis; db: Db; log: Logger; sweepEveryMs?: number }

const GROUP = 'publishers';
const BATCH = 200;
const CLAIM_IDLE_MS = 30_000;

type StreamEntry = [id: string, fields: string[]];

/** Parses one outbox entry into a crossing; null for an entry that cannot be one. */
export function toCrossing(fields: string[]): ThresholdCrossing | null {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  const nums = [f.period, f.pct, f.used, f.limit, f.at].map(Number);
  if (!f.tenant || !f.metric || nums.some((n) => !Number.isFinite(n))) return null;
  const [periodStart, percent, used, limit, at] = nums as [number, number, number, number, number];
  return { tenantId: f.tenant, metric: f.metric, periodStart, percent, used, limit, at };
}

/** Creates the publisher; call kick() after a crossing, start() for the periodic sweep, stop() on shutdown. */
export function createThresholdPublisher(deps: ThresholdPublisherDeps) {
  const publish = publishEvents(deps);
  const consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  let groupReady = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  async function ensureGroup(): Promise<void> {
    if (groupReady) return;
    try {
      // ioredis does not prefix XGROUP's key (unlike the other stream commands), so add it here.
      await deps.redis.xgroup('CREATE', `${deps.redis.options.keyPrefix ?? ''}${THRESHOLD_OUTBOX_KEY}`, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    groupReady = true;
  }

  async function handle(entries: StreamEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const events = entries.map(([, fields]) => toCrossing(fields)).filter((c): c is ThresholdCrossing => c !== null).map(thresholdEvent);
    if (events.length > 0) await publish(events);
    const ids = entries.map(([id]) => id);
    await deps.redis.xack(THRESHOLD_OUTBOX_KEY, GROUP, ...ids);
    await deps.redis.xdel(THRESHOLD_OUTBOX_KEY, ...ids);
    return events.length;
  }

  /** Publishes every pending crossing once (also reclaiming entries a dead process left unacknowledged). */
  async function drainOnce(reclaim = false): Promise<number> {
    await ensureGroup();
    let published = 0;
    if (reclaim) {
      const claimed = (await deps.redis.xautoclaim(THRESHOLD_OUTBOX_KEY, GROUP, consumer, CLAIM_IDLE_MS, '0-0', 'COUNT', BATCH)) as [string, StreamEntry[]];
      published += await handle(claimed[1] ?? []);
    }
    for (;;) {
      const res = (await deps.redis.xreadgroup('GROUP', GROUP, consumer, 'COUNT', BATCH, 'STREAMS', THRESHOLD_OUTBOX_KEY, '>')) as [string, StreamEntry[]][] | null;
      const entries = res?.[0]?.[1] ?? [];
      published += await handle(entries);
      if (entries.length < BATCH) return published;
    }
  }

  function run(reclaim: boolean): Promise<void> {
    if (running) { again = true; return running; }
    running = (async () => {
      do {
        again = false;
        try {
          await drainOnce(reclaim);
        } catch (err) {
          deps.log.error({ err }, 'threshold outbox drain failed; will retry on the next sweep');
        }
      } while (again);
    })().finally(() => { running = null; });
    return running;
  }

  return {
    drainOnce,
    /** Drains soon, without making the caller wait. */
    kick(): void { void run(false); },
    start(): void {
      if (timer) return;
      timer = setInterval(() => void run(true), deps.sweepEveryMs ?? 5_000);
      timer.unref();
      void run(true);
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type ThresholdPublisher = ReturnType<typeof createThresholdPublisher>;
