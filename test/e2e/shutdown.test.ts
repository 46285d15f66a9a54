import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { uid } from '../support/ids.js';
import { freePort } from '../support/processes.js';
import { callOnce, lastLogLine, listenerClosed, loadUntilRefused, startProcess, type Exit, type Outcome, type Role, type TenureProcess } from '../support/shutdown.js';
import { testConfig } from '../support/config.js';
import { signToken } from '../support/tokens.js';
import { MAILPIT_SMTP_URL } from '../support/mailpit.js';
import { createUsageTopics } from '../support/usage.js';
import { eventually } from '../support/wait.js';

// SIGTERM to each real process under load (issue 18, item 3): the API with requests in flight, the
// worker with lifecycle activities running, the usage consumer with events streaming in, and the
// notifier. Each exits 0, and afterwards nothing is lost and nothing is counted twice. Each process
// runs on its own (one database, Redis prefix, task queue, usage topic and group for this file), so
// one can stop while the others serve.

const config = testConfig();
const logs: string[] = [];
const running = new Map<Role, TenureProcess>();
let database: TestDatabase;
let topics: Awaited<ReturnType<typeof createUsageTopics>>;
let env: Record<string, string>;
let port: number;
const group = uid('e2e-usage-');
const service = { authorization: `Bearer ${signToken(config.auth.jwtSecret, { sub: 'e2e-shutdown', roles: ['service'], tenantId: null })}`, 'content-type': 'application/json' };
const apiTenant = uid('e2e-sd-api-');
const usageTenants = [uid('e2e-sd-use-a-'), uid('e2e-sd-use-b-')];

async function run(role: Role, extra: Record<string, string> = {}): Promise<TenureProcess> {
  const proc = await startProcess(role, { ...env, ...extra }, logs);
  running.set(role, proc);
  return proc;
}
async function terminate(role: Role) {
  const exit = await running.get(role)!.terminate();
  running.delete(role);
  return exit;
}
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: service, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: await res.json() };
}
const registered = (a: { status: number }) => a.status === 200 || a.status === 201;
async function register(tenantId: string): Promise<void> {
  await eventually(async () => (registered(await api('POST', '/tenants', { tenantId })) ? true : undefined), `registering ${tenantId}`, 60_000, 500);
}
/** email_sends used this period, as the API reads it from Redis. */
async function used(tenantId: string): Promise<number> {
  const res = await api('GET', `/internal/tenants/${tenantId}/usage`);
  if (res.status !== 200) throw new Error(`usage of ${tenantId}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { metrics: Record<string, { used: number }> }).metrics.email_sends!.used;
}
/** Waits until the tenant's enforcement record is in Redis (its usage answers with the trial's limit). */
const enforced = (tenantId: string) => eventually(async () => ((await api('GET', `/internal/tenants/${tenantId}/usage`)).status === 200 ? true : undefined), `${tenantId} enforced`);

beforeAll(async () => {
  database = await createTestDatabase(config.db.url);
  topics = await createUsageTopics(config.kafka.brokers);
  port = await freePort();
  env = {
    DATABASE_URL: database.url, TEMPORAL_TASK_QUEUE: uid('billing-e2e-sd-'), REDIS_KEY_PREFIX: `${uid('e2e-sd')}:`,
    KAFKA_USAGE_TOPIC: topics.topic, KAFKA_USAGE_DLQ_TOPIC: topics.dlqTopic, KAFKA_USAGE_GROUP: group,
    PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'info',
    WORKER_METRICS_PORT: '0', TEMPORAL_METRICS_PORT: '0', USAGE_CONSUMER_METRICS_PORT: '0', NOTIFIER_METRICS_PORT: '0',
    // The load is many calls from one caller; the rate limit is not what this file tests.
    RATE_LIMIT_MAX: '1000000', TEMPORAL_CALL_DEADLINE: '5s',
  };
  // The worker logs at debug, so its log shows every activity's end (a cancelled one included).
  await Promise.all([run('worker', { LOG_LEVEL: 'debug' }), run('api')]);
  for (const t of [apiTenant, ...usageTenants]) { await register(t); await enforced(t); }
}, 180_000);

afterAll(async () => {
  await Promise.all([...running.keys()].map(terminate));
  await topics?.drop();
  await database?.drop();
});

const consumeCall = (tenantId: string) => ({ port, method: 'POST', path: `/internal/tenants/${tenantId}/usage/consume`, headers: service, body: JSON.stringify({ metric: 'email_sends', amount: 1, idempotencyKey: uid('sd-') }) });
const unansweredCodes = (outcomes: Outcome[]) => [...new Set(outcomes.flatMap((o) => (o.kind === 'unanswered' ? [o.code] : [])))].sort();

describe('SIGTERM to the API under load', () => {
  it('answers every request it had received, refuses new connections, and counts each answered consume exactly once', async () => {
    const before = await used(apiTenant);
    // One consume whose head the API has read and routed (100 Continue) before the signal, and whose body comes after the listener closed.
    const held = callOnce(consumeCall(apiTenant), true);
    await held.continued;
    const load = loadUntilRefused(12, () => consumeCall(apiTenant));
    await eventually(async () => (load.outcomes.length >= 60 ? true : undefined), 'the load answered');
    const api1 = running.get('api')!;
    const exit = api1.terminate();
    await listenerClosed(port);
    held.send();
    const heldOutcome = await held.outcome;
    const outcomes = await load.done;
    expect(await exit).toEqual({ code: 0, signal: null });
    running.delete('api');
    expect(heldOutcome).toMatchObject({ kind: 'answered', status: 200 });
    const answered = outcomes.filter((o) => o.kind === 'answered');
    expect(answered.filter((o) => o.status !== 200)).toEqual([]);
    // Refused at connect once the listener closed; or, for a connection the kernel had taken in but
    // the API had read no request from, reset without an answer (such a request was never counted).
    expect(unansweredCodes(outcomes).filter((c) => c !== 'ECONNREFUSED' && c !== 'ECONNRESET')).toEqual([]);
    expect(lastLogLine(api1, 'api stopped')).toMatchObject({ name: 'tenure-api' });

    await run('api');
    expect(await used(apiTenant)).toBe(before + answered.length + 1);
  });
});

describe('SIGTERM to the worker with activities running', () => {
  it('lets them finish, exits 0, and a new worker converges every tenant exactly once', async () => {
    const tenants = Array.from({ length: 6 }, (_, i) => uid(`e2e-sd-wk-${i}-`));
    // The test holds a lock on the tenants table, so each registration's projection write (an
    // activity) is running, waiting in Postgres, when the signal arrives; the lock goes after it.
    let release = () => {};
    const released = new Promise<void>((resolve) => { release = resolve; });
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => { locked = resolve; });
    const lock = database.sql.begin(async (tx) => { await tx`lock table tenants in exclusive mode`; locked(); await released; });
    await lockTaken;
    const answers = Promise.all(tenants.map((t) => api('POST', '/tenants', { tenantId: t })));
    const worker1 = running.get('worker')!;
    let exit: Promise<Exit>;
    try {
      await eventually(async () => {
        const [r] = await database.sql`select count(*)::int as n from pg_stat_activity where datname = ${database.name} and wait_event_type = 'Lock'`;
        return r!.n === tenants.length ? true : undefined;
      }, 'every projection write waiting on the lock');
      exit = worker1.terminate();
      await eventually(async () => (worker1.log().includes('"msg":"shutting down"') ? true : undefined), 'the worker shutting down');
    } finally {
      release();
      await lock;
    }
    expect(await exit).toEqual({ code: 0, signal: null });
    running.delete('worker');
    // The old worker finished every write that was running when it got the signal: each row is there before another worker runs.
    const rows = await database.sql`select tenant_id from tenants where tenant_id in ${database.sql(tenants)}`;
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([...tenants].sort());
    expect(worker1.log()).not.toContain('Activity completed as cancelled');
    expect(worker1.log()).not.toContain('"Activity failed"');
    expect(lastLogLine(worker1, 'worker stopped')).toMatchObject({ name: 'tenure-worker' });

    await run('worker', { LOG_LEVEL: 'debug' });
    // A registration the API could not finish within its Temporal deadline answered 503; the product backend repeats it.
    const first = await answers;
    for (const [i, t] of tenants.entries()) if (!registered(first[i]!)) await register(t);
    const created = await eventually(async () => {
      const r = await database.sql`select tenant_id, count(*)::int as n from billing_events where type = 'tenant.created' and tenant_id in ${database.sql(tenants)} group by tenant_id`;
      return r.length === tenants.length ? r : undefined;
    }, 'a tenant.created per tenant', 60_000);
    expect(created.filter((r) => r.n !== 1)).toEqual([]);
    for (const t of tenants) expect((await api('GET', `/internal/tenants/${t}/status`)).body).toMatchObject({ tenantId: t, status: 'active', access: 'full' });
  });
});

describe('SIGTERM to the usage consumer while events stream in', () => {
  let producer: Producer;
  beforeAll(async () => {
    producer = new Kafka({ clientId: uid('e2e-sd-'), brokers: config.kafka.brokers, logLevel: logLevel.NOTHING }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });
  afterAll(async () => { await producer?.disconnect(); });

  it('finishes and commits its batches and leaves the group; with the next consumer every event counts exactly once', async () => {
    const before = await Promise.all(usageTenants.map(used));
    // A backlog of 1,600 events, then a stream of small batches (at most 1,800 per tenant in all:
    // under the trial's 5,000 and its 80% mark), so the first consumer is in the middle of a batch.
    const sent = usageTenants.map(() => 0);
    let streaming = true;
    let backlogSent = () => {};
    const backlog = new Promise<void>((resolve) => { backlogSent = resolve; });
    const stream = (async () => {
      for (let n = 0; streaming && n < 3_600;) {
        const messages = Array.from({ length: 20 }, () => {
          const i = n++ % usageTenants.length;
          sent[i]! += 1;
          return { key: usageTenants[i]!, value: JSON.stringify({ id: uid('ue-'), tenantId: usageTenants[i]!, metric: 'email_sends', amount: 1, occurredAt: new Date().toISOString() }) };
        });
        await producer.send({ topic: topics.topic, messages });
        if (n >= 1_600) { backlogSent(); await new Promise((r) => setTimeout(r, 50)); }
      }
    })();
    await backlog;
    const consumer1 = await run('consumer');
    await eventually(async () => ((await used(usageTenants[0]!)) > before[0]! ? true : undefined), 'the consumer applying events');
    expect(await terminate('consumer')).toEqual({ code: 0, signal: null });
    const stats1 = lastLogLine(consumer1, 'usage consumer stopped');

    const consumer2 = await run('consumer');
    await new Promise((r) => setTimeout(r, 1_000));
    streaming = false;
    await stream;
    const expected = usageTenants.map((_, i) => before[i]! + sent[i]!);
    await eventually(async () => {
      const now = await Promise.all(usageTenants.map(used));
      return now.every((u, i) => u >= expected[i]!) ? true : undefined;
    }, 'every event applied', 90_000, 250);
    expect(await terminate('consumer')).toEqual({ code: 0, signal: null });
    const stats2 = lastLogLine(consumer2, 'usage consumer stopped');

    expect(await Promise.all(usageTenants.map(used))).toEqual(expected);
    // The first consumer committed all it applied before it left: the second was handed none of it again.
    expect({ first: stats1.duplicates, second: stats2.duplicates, applied: Number(stats1.applied) + Number(stats2.applied), deadLettered: Number(stats1.deadLettered) + Number(stats2.deadLettered) })
      .toEqual({ first: 0, second: 0, applied: sent.reduce((a, b) => a + b, 0), deadLettered: 0 });
  });
});

describe('SIGTERM to the notifier', () => {
  it('leaves its group and exits 0', async () => {
    const notifier = await run('notifier', { SMTP_URL: MAILPIT_SMTP_URL, KAFKA_NOTIFY_GROUP: uid('e2e-sd-notifier-') });
    expect(await terminate('notifier')).toEqual({ code: 0, signal: null });
    expect(lastLogLine(notifier, 'notifier stopped')).toMatchObject({ name: 'tenure-notifier', failed: 0 });
  });
});
