import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { loadConfig, type Config } from '../../config/config.js';
import { createDb } from '../../db/client.js';
import { migrateAndSeed } from '../../db/migrate.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { FAULT_PORTS, forgetGroup, recordGroup, ROOT, serviceEnv, startService, stopService, type StackService } from './faults-stack.js';
import { uid } from './ids.js';
import { startStripeFaultProxy, type StripeFaultProxy } from './stripe-fault-proxy.js';
import { signToken, type TestRole } from './tokens.js';

// One scenario file's view of the fault tier: a fresh database on the private stack, the real API,
// worker and (optionally) usage consumer as child processes, each in a process group of its own with
// its own log file, and the clients a test needs to look at what happened. Processes are killed and
// restarted by pid; services are stopped and started through dev/stack.

export type AppRole = 'api' | 'worker' | 'consumer';
const ENTRY: Record<AppRole, string> = { api: 'api/server.ts', worker: 'workers/temporal-worker.ts', consumer: 'workers/usage-consumer.ts' };
/** The log line each process writes once it serves (the API is probed on /healthz instead). */
const READY_LINE: Record<AppRole, string | null> = { api: null, worker: '"worker started"', consumer: '"usage consumer started"' };

export interface AppProcess {
  role: AppRole;
  readonly pid: number | null;
  logFile: string;
  /** Starts the process (again) and waits until it serves; `env` overrides this start only. */
  start(env?: Record<string, string>): Promise<void>;
  /** Sends the signal to the whole process group and waits until the group is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** TERM, then KILL after 15 s. */
  stop(): Promise<void>;
  /** The log written since the last start. */
  log(): string;
  /** Running or how it exited, and the last lines of its log: printed when a scenario fails. */
  describe(lines?: number): string;
}

const groupAlive = (pgid: number) => { try { process.kill(-pgid, 0); return true; } catch { return false; } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function appProcess(stackDir: string, fileTag: string, role: AppRole, baseEnv: () => Record<string, string>, apiUrl: string): AppProcess {
  const logFile = join(stackDir, 'logs', `${fileTag}-${role}.log`);
  let pid: number | null = null;
  let exited: Promise<void> = Promise.resolve();
  let exit: string | null = null;
  let logFrom = 0;
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile).subarray(logFrom).toString() : '');

  async function waitReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    let dead = false;
    void exited.then(() => { dead = true; });
    for (;;) {
      if (dead) throw new Error(`${role} exited during start-up:\n${readLog().slice(-4000)}`);
      if (role === 'api') {
        try { if ((await fetch(`${apiUrl}/healthz`)).ok) return; } catch { /* not listening yet */ }
      } else if (readLog().includes(READY_LINE[role]!)) return;
      if (Date.now() > deadline) throw new Error(`${role} did not get ready within 60s:\n${readLog().slice(-4000)}`);
      await sleep(100);
    }
  }

  const proc: AppProcess = {
    role, logFile,
    get pid() { return pid; },
    async start(env = {}) {
      if (pid !== null) throw new Error(`${role} is already running (pid ${pid})`);
      logFrom = existsSync(logFile) ? statSync(logFile).size : 0;
      const fd = openSync(logFile, 'a');
      // detached: the child leads a process group of its own, so a kill reaches tsx's node children too.
      const child = spawn(process.execPath, ['--import', 'tsx', ENTRY[role]], { cwd: ROOT, env: { ...process.env, ...baseEnv(), ...env }, stdio: ['ignore', fd, fd], detached: true });
      closeSync(fd);
      pid = child.pid!;
      recordGroup(stackDir, pid);
      const mine = pid;
      exit = null;
      exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => { exit = signal ? `killed by ${signal}` : `exited with code ${code}`; resolve(); }));
      void exited.then(async () => {
        // The group leader is gone; wait for its stragglers, then forget it.
        for (let i = 0; i < 50 && groupAlive(mine); i++) await sleep(100);
        forgetGroup(stackDir, mine);
      });
      await waitReady();
    },
    async kill(signal = 'SIGKILL') {
      if (pid === null) return;
      const pgid = pid;
      try { process.kill(-pgid, signal); } catch { /* gone already */ }
      // A TERM that is not obeyed within 15 s becomes a KILL.
      const timer = signal === 'SIGKILL' ? null : setTimeout(() => { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
      await exited;
      if (timer) clearTimeout(timer);
      for (let i = 0; i < 100 && groupAlive(pgid); i++) await sleep(50);
      if (groupAlive(pgid)) try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
      pid = null;
    },
    stop: () => proc.kill('SIGTERM'),
    log: readLog,
    describe(lines = 40) {
      const state = exit ?? (pid === null ? 'not started' : `running (pid ${pid})`);
      // Warnings, errors and anything not a pino line (a crash's stack), then the very last lines.
      const all = readLog().trimEnd().split('\n');
      const loud = all.filter((l) => !/^\{"level":(10|20|30),/.test(l)).slice(-lines);
      return `${role}: ${state}; its last ${loud.length} warnings, errors and other output:\n${loud.join('\n')}\nand its last lines:\n${all.slice(-5).join('\n')}`;
    },
  };
  return proc;
}

export interface FaultStackOptions {
  /** Short name for log files: logs/<tag>-api.log etc. */
  tag: string;
  /** Extra environment for every process (durations, topics, ...). */
  env?: Record<string, string>;
  /** Which processes to run (default api and worker). */
  processes?: AppRole[];
  /** Put the recording Stripe proxy (idempotency-keeping) between the processes and stripe-mock. */
  stripeProxy?: boolean;
}

export interface FaultStack {
  stackDir: string;
  config: Config;
  /** The environment every process of this file runs with. */
  env: Record<string, string>;
  database: TestDatabase;
  api: AppProcess;
  worker: AppProcess;
  consumer: AppProcess;
  proxy: StripeFaultProxy | null;
  temporal: Client;
  /** A Redis client without key prefix (the test adds the file's prefix itself, see `key`). */
  redis: Redis;
  /** A key as the app writes it: with this file's REDIS_KEY_PREFIX. */
  key(k: string): string;
  baseUrl: string;
  headers(roles?: TestRole[], tenantId?: string): Record<string, string>;
  stopService(svc: StackService): Promise<void>;
  startService(svc: StackService): Promise<void>;
  /** Drops this file's database and creates it again, migrated and seeded: a restore to empty. */
  recreateDatabase(): Promise<void>;
}

/** Registers the file's beforeAll/afterAll: database, proxy, processes and clients; all stopped after. */
export function useFaultStack(opts: FaultStackOptions): FaultStack {
  const ctx = {} as FaultStack;
  const roles = opts.processes ?? ['api', 'worker'];
  beforeAll(async () => {
    ctx.stackDir = inject('faultsStackDir');
    const services = serviceEnv();
    ctx.database = await createTestDatabase(services.DATABASE_URL!);
    ctx.proxy = opts.stripeProxy ? await startStripeFaultProxy(services.STRIPE_API_BASE!, { idempotency: true }) : null;
    ctx.env = {
      ...services,
      DATABASE_URL: ctx.database.url,
      ...(ctx.proxy ? { STRIPE_API_BASE: ctx.proxy.url } : {}),
      REDIS_KEY_PREFIX: `${uid('faults')}:`,
      TEMPORAL_TASK_QUEUE: uid('billing-faults-'),
      NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(FAULT_PORTS.api), METRICS_PORT: '0',
      WORKER_METRICS_PORT: '0', TEMPORAL_METRICS_PORT: '0', USAGE_CONSUMER_METRICS_PORT: '0',
      // The scenarios poll the API hard; its per-caller rate limit is not what they test.
      RATE_LIMIT_MAX: '1000000',
      ...opts.env,
    };
    ctx.config = loadConfig({ ...process.env, ...ctx.env, LOG_LEVEL: 'silent' });
    ctx.baseUrl = `http://127.0.0.1:${FAULT_PORTS.api}`;
    const env = () => ctx.env;
    ctx.api = appProcess(ctx.stackDir, opts.tag, 'api', env, ctx.baseUrl);
    ctx.worker = appProcess(ctx.stackDir, opts.tag, 'worker', env, ctx.baseUrl);
    ctx.consumer = appProcess(ctx.stackDir, opts.tag, 'consumer', env, ctx.baseUrl);
    ctx.temporal = new Client({ connection: await Connection.connect({ address: ctx.config.temporal.address }), namespace: ctx.config.temporal.namespace });
    ctx.redis = new Redis(ctx.config.redis.url, { maxRetriesPerRequest: 1 });
    ctx.key = (k) => `${ctx.config.redis.keyPrefix}${k}`;
    ctx.stopService = (svc) => stopService(ctx.stackDir, svc);
    ctx.startService = (svc) => startService(ctx.stackDir, svc);
    ctx.recreateDatabase = async () => {
      const admin = postgres(services.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`drop database if exists ${ctx.database.name} with (force)`);
        await admin.unsafe(`create database ${ctx.database.name}`);
      } finally { await admin.end(); }
      const fresh = createDb({ url: ctx.database.url, poolSize: 1 });
      try { await migrateAndSeed(fresh.db, 'test'); } finally { await fresh.close(); }
    };
    await Promise.all(roles.map((r) => ctx[r].start()));
  });
  // A failed scenario says what its processes were doing: the tier's stack folder is gone after the run.
  afterEach((test) => {
    if (test.task.result?.state !== 'fail') return;
    const running = [ctx.api, ctx.worker, ctx.consumer].filter((p) => p && (roles.includes(p.role) || p.pid !== null));
    process.stderr.write(`\n--- ${test.task.name}: the processes when it failed\n${running.map((p) => p.describe()).join('\n\n')}\n---\n`);
  });
  afterAll(async () => {
    await Promise.allSettled([ctx.api, ctx.worker, ctx.consumer].filter(Boolean).map((p) => p.stop()));
    await ctx.proxy?.close();
    await ctx.temporal?.connection.close();
    if (ctx.redis) {
      const keys = await ctx.redis.keys(`${ctx.config.redis.keyPrefix}*`).catch(() => [] as string[]);
      if (keys.length > 0) await ctx.redis.del(...keys).catch(() => undefined);
      ctx.redis.disconnect();
    }
    await ctx.database?.drop().catch(() => undefined);
  });
  ctx.headers = (roles2 = ['service'], tenantId) => ({
    authorization: `Bearer ${signToken(ctx.config.auth.jwtSecret, { sub: 'faults-caller', roles: roles2, tenantId: tenantId ?? null })}`,
    'content-type': 'application/json',
  });
  return ctx;
}
