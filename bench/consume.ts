// npm run bench:consume [-- --duration 10 --connections 50 --tenants 1000]
// Decisions per second through the real API (JWT, validation, the Lua script in Redis) versus a bare
// Fastify route on the same machine, with autocannon; then the feature check (GET .../features/:key,
// one HMGET) versus the bare route answering the same shape. Appends the figures to BENCHMARKS.md.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { loadConfig } from '../config/config.js';
import { createTestDatabase } from '../test/support/database.js';
import { createFeatureCatalog } from '../services/features/feature-catalog.js';
import { uid } from '../test/support/ids.js';
import { signToken } from '../test/support/tokens.js';
import { appendResult, fmt, machine, redisCpu, startChild, waitForQuiet, withCpuAccounting, deletePrefixedKeys, seedBenchTenants, BENCH_FEATURE, BENCH_METRIC } from './lib.js';

const { values: args } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, tenants: { type: 'string', default: '1000' }, workers: { type: 'string', default: '1,2' } } });
const DURATION = Math.min(Number(args.duration), 60);
const CONNECTIONS = Math.min(Number(args.connections), 500);
const TENANTS = Math.min(Number(args.tenants), 10_000);
const WORKER_COUNTS = args.workers.split(',').map((w) => Math.max(1, Math.min(Number(w) || 1, 8)));

const config = loadConfig();
const prefix = `${uid('bench')}:`;
const database = await createTestDatabase(config.db.url);
const features = createFeatureCatalog({ db: database.db, ttlMs: config.features.catalogTtlMs });
const redis = new Redis(config.redis.url, { keyPrefix: prefix });


interface Run { rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number; busy: number | null; others: number | null }

type Path = 'consume' | 'feature';
const REQUESTS: Record<Path, (id: string) => { method: 'POST' | 'GET'; path: string; body?: string }> = {
  consume: (id) => ({ method: 'POST', path: `/internal/tenants/${id}/usage/consume`, body: JSON.stringify({ metric: BENCH_METRIC, amount: 1 }) }),
  feature: (id) => ({ method: 'GET', path: `/internal/tenants/${id}/features/${BENCH_FEATURE}` }),
};

async function load(address: string, ids: string[], duration: number, path: Path): Promise<Run> {
  const token = signToken(config.auth.jwtSecret, { sub: 'bench-service', roles: ['service'], exp: Math.floor(Date.now() / 1000) + 3600 });
  const requests = ids.map(REQUESTS[path]);
  const result = await autocannon({
    url: address, connections: CONNECTIONS, duration, requests,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx, total: result.requests.total, busy: null, others: null };
}

async function measure(entry: string, env: Record<string, string>, ids: string[], workers: number, path: Path = 'consume'): Promise<Run> {
  const server = await startChild<{ address: string }>(entry, env, ['--workers', String(workers)]);
  try {
    await load(server.ready.address, ids, 3, path); // warm-up: JIT, connection pools, script cache
    // On a shared machine other work can take the CPU mid-run: measure up to three times and keep
    // the run that other work disturbed least.
    let best: Run | null = null;
    for (let attempt = 0; attempt < 3 && (best === null || (best.others ?? 0) > 10); attempt++) {
      await waitForQuiet();
      const run = await withCpuAccounting({ pids: [server.child.pid!], redisCpuSeconds: redisCpu(() => redis.info('cpu')) }, () => load(server.ready.address, ids, DURATION, path));
      if (best === null || (run.others ?? 0) < (best.others ?? 0)) best = { ...run.result, busy: run.busy, others: run.others };
    }
    return best!;
  } finally {
    await server.stop();
  }
}

const pct = (v: number | null): string => (v === null ? '?' : `${fmt(v)}%`);

function row(name: string, workers: number, r: Run): string {
  return `| ${name} | ${workers} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.total)} | ${r.errors + r.non2xx} | ${pct(r.busy)} | ${pct(r.others)} |`;
}

async function cleanup(): Promise<void> {
  await deletePrefixedKeys(redis, prefix);
  redis.disconnect();
  await database.drop();
}

try {
  const ids = await seedBenchTenants(database.db, redis, TENANTS, features);
  const env = { DATABASE_URL: database.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  const lines = [
    `Machine: ${machine({ redis: redisVersion })}.`,
    `Load: autocannon, ${CONNECTIONS} connections, ${DURATION}s after a 3s warm-up, ${TENANTS} tenants in rotation, \`${BENCH_METRIC}\` +1 per request (a real decision: access, limit, increment, thresholds); server, Redis and load generator share the machine.`,
    '',
    '| target | server processes | decisions/s (avg) | p50 ms | p99 ms | requests | errors + non-2xx | machine CPU busy | of which other work |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const summary: string[] = [];
  for (const workers of WORKER_COUNTS) {
    const tenure = await measure('bench/consume-server.ts', env, ids, workers);
    const bare = await measure('bench/bare-server.ts', {}, ids, workers);
    const ratio = tenure.rps / bare.rps;
    lines.push(row('Tenure `POST /internal/tenants/:id/usage/consume`', workers, tenure), row('bare Fastify route', workers, bare));
    summary.push(`${workers} process(es): ratio Tenure / bare **${fmt(ratio, 2)}x**; targets >= 20,000 decisions/s ${tenure.rps >= 20_000 ? 'met' : 'not met'}, p99 <= 5 ms ${tenure.p99 <= 5 ? 'met' : 'not met'}, >= 0.5x bare ${ratio >= 0.5 ? 'met' : 'not met'}.`);
  }
  // The feature check, one process: the hot path a product backend calls before showing a gated feature.
  const check = await measure('bench/consume-server.ts', env, ids, 1, 'feature');
  const checkBare = await measure('bench/bare-server.ts', {}, ids, 1, 'feature');
  const checkRatio = check.rps / checkBare.rps;
  lines.push(row(`Tenure \`GET /internal/tenants/:id/features/${BENCH_FEATURE}\``, 1, check), row('bare Fastify route (same answer)', 1, checkBare));
  summary.push(`feature check, 1 process: ratio Tenure / bare **${fmt(checkRatio, 2)}x** (target >= 0.7x ${checkRatio >= 0.7 ? 'met' : 'not met'}); non-2xx answers: ${fmt(check.non2xx)}.`);
  lines.push('', ...summary);
  appendResult('bench:consume', lines);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await cleanup();
}
