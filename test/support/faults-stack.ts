import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The fault tier's own stack (test/faults/): Postgres, Redis, Kafka, Temporal, stripe-mock, localstripe and Mailpit started
// by dev/stack into a private folder on ports of their own, so the tier can stop, kill and flush them
// without touching the shared stack other tests use. Everything here stops by pid only.

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The isolated stack's ports (the shared one uses 5433, 6380, 9092/9093, 7233/8233, 12111/12112, 8420, 1025/8025). */
export const FAULT_PORTS = {
  postgres: 25433, redis: 26380, kafka: 29092, kafkaController: 29093, temporal: 27233, temporalUi: 28233, stripeMock: 22111, stripeMockHttps: 22112,
  localstripe: 28420, mailpitSmtp: 21025, mailpitUi: 28025,
  /** The API processes of the scenarios (one file at a time). */
  api: 23000,
} as const;

export type StackService = 'postgres' | 'redis' | 'kafka' | 'temporal' | 'stripe-mock';
export const STACK_SERVICES: StackService[] = ['postgres', 'redis', 'kafka', 'temporal', 'stripe-mock'];
const SERVICE_PORT: Record<StackService, number> = {
  postgres: FAULT_PORTS.postgres, redis: FAULT_PORTS.redis, kafka: FAULT_PORTS.kafka, temporal: FAULT_PORTS.temporal, 'stripe-mock': FAULT_PORTS.stripeMock,
};

/** The variables that point dev/stack at the private folder and ports. */
export function devStackEnv(stackDir: string): Record<string, string> {
  return {
    TENURE_STACK_DIR: stackDir,
    TENURE_PG_PORT: String(FAULT_PORTS.postgres),
    TENURE_REDIS_PORT: String(FAULT_PORTS.redis),
    TENURE_KAFKA_PORT: String(FAULT_PORTS.kafka),
    TENURE_KAFKA_CONTROLLER_PORT: String(FAULT_PORTS.kafkaController),
    TENURE_TEMPORAL_PORT: String(FAULT_PORTS.temporal),
    TENURE_TEMPORAL_UI_PORT: String(FAULT_PORTS.temporalUi),
    TENURE_STRIPE_MOCK_PORT: String(FAULT_PORTS.stripeMock),
    TENURE_STRIPE_MOCK_HTTPS_PORT: String(FAULT_PORTS.stripeMockHttps),
    TENURE_LOCALSTRIPE_PORT: String(FAULT_PORTS.localstripe),
    TENURE_MAILPIT_SMTP_PORT: String(FAULT_PORTS.mailpitSmtp),
    TENURE_MAILPIT_UI_PORT: String(FAULT_PORTS.mailpitUi),
    ...serviceEnv(),
  };
}

/** What the app's config reads to reach the isolated services (DATABASE_URL names the base database). */
export function serviceEnv(): Record<string, string> {
  return {
    DATABASE_URL: `postgres://tenure:tenure@127.0.0.1:${FAULT_PORTS.postgres}/tenure`,
    REDIS_URL: `redis://127.0.0.1:${FAULT_PORTS.redis}`,
    KAFKA_BROKERS: `127.0.0.1:${FAULT_PORTS.kafka}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${FAULT_PORTS.temporal}`,
    STRIPE_API_BASE: `http://127.0.0.1:${FAULT_PORTS.stripeMock}`,
  };
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Runs `bash dev/stack <args>` against the private stack; its output goes to logs/dev-stack.log. */
export function devStack(stackDir: string, ...args: string[]): Promise<void> {
  const log = join(stackDir, 'dev-stack.log');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(ROOT, 'dev/stack'), ...args], { cwd: ROOT, env: { ...process.env, ...devStackEnv(stackDir) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    const sink = (d: Buffer) => { out.push(d.toString()); appendFileSync(log, d); };
    child.stdout.on('data', sink);
    child.stderr.on('data', sink);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`dev/stack ${args.join(' ')} exited ${code}:\n${out.join('').slice(-3000)}`))));
  });
}

/** Stops one service of the private stack (by its pid) and waits until its port is closed. */
export async function stopService(stackDir: string, svc: StackService): Promise<void> {
  await devStack(stackDir, 'stop', svc);
  for (let i = 0; i < 100 && (await portOpen(SERVICE_PORT[svc])); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Starts one service of the private stack again (dev/stack waits until it listens). */
export const startService = (stackDir: string, svc: StackService): Promise<void> => devStack(stackDir, 'up', svc);

/** Fails when another stack (another fault run) already holds one of the ports: never share one. */
export async function assertPortsFree(): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(FAULT_PORTS)) if (await portOpen(port)) busy.push(`${name} ${port}`);
  if (busy.length > 0) throw new Error(`the fault tier's ports are in use (${busy.join(', ')}): is another fault run going? It never shares a stack.`);
}

// ---------- app process groups (recorded so the global teardown can stop what a crashed file left) ----------

const groupsDir = (stackDir: string) => join(stackDir, 'app-groups');

export function recordGroup(stackDir: string, pgid: number): void {
  mkdirSync(groupsDir(stackDir), { recursive: true });
  writeFileSync(join(groupsDir(stackDir), String(pgid)), '');
}
export function forgetGroup(stackDir: string, pgid: number): void {
  rmSync(join(groupsDir(stackDir), String(pgid)), { force: true });
}

/** SIGKILLs every app process group still recorded; synchronous, so an exit handler may call it. */
export function killRecordedGroups(stackDir: string): number {
  if (!existsSync(groupsDir(stackDir))) return 0;
  let killed = 0;
  for (const name of readdirSync(groupsDir(stackDir))) {
    try { process.kill(-Number(name), 'SIGKILL'); killed++; } catch { /* already gone */ }
    rmSync(join(groupsDir(stackDir), name), { force: true });
  }
  return killed;
}

/** SIGKILLs the services dev/stack recorded in pids/ (last resort, for an exit handler). */
export function killStackServices(stackDir: string): void {
  const dir = join(stackDir, 'pids');
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.pid'))) {
    const pid = Number(readFileSync(join(dir, file), 'utf8').trim());
    if (pid > 0) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
}
