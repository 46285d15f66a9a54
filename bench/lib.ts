import { initialState } from '../domain/lifecycle/index.js';
import { toPlanSnapshot } from '../domain/plans/types.js';
import { toProjection } from '../services/tenants/persist-projection.js';
import type { CatalogReader } from '../services/features/catalog-reader.js';
import type { Redis } from 'ioredis';
import { restoreFromRecord, writeEnforcement } from '../services/enforcement/write-enforcement.js';
import { enforcementFromRow } from '../services/usage/rebuild-counters.js';
import type { Db } from '../db/client.js';
import { findTenant, upsertProjection } from '../db/queries/tenants.js';
import { defaultPlan } from '../db/seed/demo-plans.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

// Shared benchmark plumbing: child processes, the machine description, and BENCHMARKS.md.

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCHMARKS = `${ROOT}BENCHMARKS.md`;

/** Starts `node --import tsx <entry>` and resolves with the `{"benchReady": ...}` line it prints on stdout. */
export async function startChild<T>(entry: string, env: Record<string, string>, args: string[] = [], timeoutMs = 60_000): Promise<{ child: ChildProcess; ready: T; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<T>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${entry} did not become ready in ${timeoutMs}ms`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{"benchReady"'));
      if (line) { clearTimeout(timer); resolve(JSON.parse(line) as T); }
    });
  });
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
  return { child, ready, stop };
}

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(`${ROOT}node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** One line naming the machine and the software the figures were measured with. */
export function machine(extra: Record<string, string> = {}): string {
  const cpu = cpus();
  const versions = { node: process.versions.node, fastify: version('fastify'), ioredis: version('ioredis'), kafkajs: version('kafkajs'), autocannon: version('autocannon'), ...extra };
  return `${cpu.length} cores, ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM; ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}`;
}

/** Appends a section to BENCHMARKS.md (created with a header the first time). */
export function appendResult(title: string, lines: string[]): void {
  if (!existsSync(BENCHMARKS)) {
    writeFileSync(BENCHMARKS, '# Benchmarks\n\nAppended by `npm run bench:consume` and `npm run bench:ingest` (see bench/). Newest last.\n');
  }
  appendFileSync(BENCHMARKS, `\n## ${title} - ${new Date().toISOString()}\n\n${lines.join('\n')}\n`);
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function cpuTimes(): { idle: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: line[3]! + (line[4] ?? 0), total: line.reduce((a, b) => a + b, 0) };
}

/** Percent of the machine's CPU busy over `ms` (Linux /proc/stat; null elsewhere). */
export async function machineBusy(ms = 1_000): Promise<number | null> {
  if (!existsSync('/proc/stat')) return null;
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  return 100 * (1 - (b.idle - a.idle) / Math.max(1, b.total - a.total));
}

/** Waits (at most `maxMs`) until other work leaves the machine mostly idle; returns the last busy %. */
export async function waitForQuiet(maxBusyPercent = 15, maxMs = 120_000): Promise<number | null> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const busy = await machineBusy();
    if (busy === null || busy <= maxBusyPercent || Date.now() > deadline) return busy;
  }
}

function procTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function descendants(pid: number): number[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const parentOf = new Map(all.map((p) => {
    try { return [p, Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1])] as const; } catch { return [p, -1] as const; }
  }));
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, parent] of parentOf) if (parent === out[i]) out.push(p);
  return out;
}

/**
 * Measures, while `work` runs, how busy the machine was and how much of that was not the benchmark
 * itself (this process, the given process trees, and Redis, whose CPU Redis reports): the
 * interference of other work on a shared machine. Percent of all cores. Linux only; nulls elsewhere.
 */
export async function withCpuAccounting<T>(opts: { pids: number[]; redisCpuSeconds(): Promise<number> }, work: () => Promise<T>): Promise<{ result: T; busy: number | null; others: number | null }> {
  if (!existsSync('/proc/stat')) return { result: await work(), busy: null, others: null };
  const ours = () => [process.pid, ...opts.pids.flatMap(descendants)].reduce((a, p) => a + procTicks(p), 0);
  const [m0, o0, r0] = [cpuTimes(), ours(), await opts.redisCpuSeconds()];
  const result = await work();
  const [m1, o1, r1] = [cpuTimes(), ours(), await opts.redisCpuSeconds()];
  const total = Math.max(1, m1.total - m0.total);
  const busyTicks = total - (m1.idle - m0.idle);
  const oursTicks = o1 - o0 + (r1 - r0) * 100;
  return { result, busy: (100 * busyTicks) / total, others: Math.max(0, (100 * (busyTicks - oursTicks)) / total) };
}

/** The pid in a dev/stack pid file (e.g. the Kafka broker), if this machine runs the local stack. */
export function stackPid(name: string): number[] {
  const file = `${ROOT}.stack/pids/${name}.pid`;
  return existsSync(file) ? [Number(readFileSync(file, 'utf8').trim())].filter((n) => n > 0) : [];
}

/** Redis' own CPU seconds (user + sys), from INFO cpu. */
export function redisCpu(info: () => Promise<string>): () => Promise<number> {
  return async () => {
    const text = await info();
    const num = (k: string) => Number(new RegExp(`${k}:(\\S+)`).exec(text)?.[1] ?? 0);
    return num('used_cpu_user') + num('used_cpu_sys');
  };
}

/** Deletes every key under a benchmark's Redis prefix (SCAN, never KEYS or FLUSHALL on a shared Redis). */
export async function deletePrefixedKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys.map((k) => k.slice(prefix.length)));
  } while (cursor !== '0');
}

/** The monthly feature of the demo catalog every benchmark consumes. */
export const BENCH_METRIC = 'email_sends';

/** The usage period every benchmark tenant is in (monthly counters are keyed by its start). */
export const BENCH_PERIOD_START = Date.UTC(2026, 0, 1);

/** The boolean feature of the demo catalog the feature-check benchmark asks about (granted by growth). */
export const BENCH_FEATURE = 'advanced_analytics';

/**
 * Seeds `count` tenants on the growth plan (the monthly BENCH_METRIC practically unlimited) in Postgres
 * and Redis, each with the lifecycle state the workflow would have, so enforcement carries every feature.
 */
export async function seedBenchTenants(db: Db, redis: Redis, count: number, features: CatalogReader): Promise<string[]> {
  const plan = defaultPlan('growth');
  const snapshot = toPlanSnapshot({ ...plan, entitlements: { ...plan.entitlements, [BENCH_METRIC]: { limit: 1_000_000_000_000 } } });
  const config = { trialPeriodMs: 0, trialRemindersMs: [], dunningRestrictAfterMs: 7 * 86_400_000, dunningLockAfterMs: 14 * 86_400_000, defaultAdminLockMs: null };
  const ids = Array.from({ length: count }, (_, i) => `bench-${i}`);
  for (const tenantId of ids) {
    const { state } = initialState({ tenantId, now: BENCH_PERIOD_START, trialPlan: snapshot, freePlan: snapshot, config });
    await upsertProjection(db, toProjection(state));
    await writeEnforcement(redis, enforcementFromRow((await findTenant(db, tenantId))!), restoreFromRecord(db, features));
  }
  return ids;
}
