import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface TenureProcesses {
  baseUrl: string;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILLs the worker process this helper started (by its pid) and waits for it to exit; returns the pid. */
  killWorker(): Promise<number>;
  /** Starts a new worker process and waits until it serves. */
  restartWorker(): Promise<void>;
}

export interface Child { process: ChildProcess; output: string[] }

// Each child's output goes to the shared log (in the order it arrives) and to its own, which the
// start-up wait reads so that one process's line is never taken for another's.
// From source a process runs its entry file under tsx; compiled it runs as the image does, through
// ops/run-compiled, from dist/ (the build in test/support/build.ts).
export type TenureProcessName = 'api' | 'worker' | 'usage-consumer' | 'notifier';
const SOURCE_ENTRIES: Record<TenureProcessName, string> = { api: 'api/server.ts', worker: 'workers/temporal-worker.ts', 'usage-consumer': 'workers/usage-consumer.ts', notifier: 'workers/notifier.ts' };

export function start(name: TenureProcessName, compiled: boolean, env: Record<string, string>, sink: string[]): Child {
  const [command, args] = compiled ? [`${ROOT}ops/run-compiled`, [name]] : [process.execPath, ['--import', 'tsx', SOURCE_ENTRIES[name]]];
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const record = (d: Buffer) => { sink.push(d.toString()); output.push(d.toString()); };
  child.stdout!.on('data', record);
  child.stderr!.on('data', record);
  return { process: child, output };
}

const logged = (child: Child, line: string) => child.output.join('').includes(line);

async function answersHealthz(baseUrl: string): Promise<boolean> {
  try { return (await fetch(`${baseUrl}/healthz`)).ok; } catch { return false; /* not listening yet */ }
}

/**
 * Waits until every process serves: the API answers /healthz, the worker has logged "worker started" (at
 * info, the level startTenure runs at unless a test asks for another)
 * (the API answers before the worker polls its task queue, and a tenant registered in between can pass
 * the API's Temporal deadline: 503 DEPENDENCY_UNAVAILABLE, seen on the loaded 2-core machine), and the
 * notifier, when run, has joined its consumer group.
 */
async function waitUntilServing(baseUrl: string, worker: Child, notifier: Child | null, children: Child[], logs: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (children.some((c) => c.process.exitCode !== null)) throw new Error(`a Tenure process exited during start-up:\n${logs.join('')}`);
    const workerReady = logged(worker, '"worker started"');
    const notifierReady = !notifier || logged(notifier, 'notifier joined its group');
    if (workerReady && notifierReady && await answersHealthz(baseUrl)) return;
    if (Date.now() > deadline) throw new Error(`Tenure did not start within 60s:\n${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs the real API and worker processes (as `npm start` does) with the given environment, and the
 * notifier too when asked (it needs SMTP_URL), and returns once all of them serve (waitUntilServing).
 * With `compiled`, they run from the build in dist/ (as `npm start --prod` and the image do).
 * The API listens on `env.PORT` when given (so a test can set PUBLIC_URL to it), else on a free port.
 */
export async function startTenure(env: Record<string, string>, opts: { notifier?: boolean; compiled?: boolean } = {}): Promise<TenureProcesses> {
  const compiled = opts.compiled ?? false;
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const logs: string[] = [];
  // The worker's metrics endpoints are off unless a test asks for them, so parallel stacks never fight over ports.
  const fullEnv = { WORKER_METRICS_PORT: '0', TEMPORAL_METRICS_PORT: '0', NOTIFIER_METRICS_PORT: '0', ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: env.LOG_LEVEL ?? 'info' };
  let worker = start('worker', compiled, fullEnv, logs);
  const notifier = opts.notifier ? start('notifier', compiled, fullEnv, logs) : null;
  const children = [worker, start('api', compiled, fullEnv, logs), ...(notifier ? [notifier] : [])];
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopAll(children);
  // A start that fails returns nothing for afterAll to stop, so the processes that did start are stopped here.
  await waitUntilServing(baseUrl, worker, notifier, children, logs).catch(async (err: unknown) => { await stop(); throw err; });
  const killWorker = async (): Promise<number> => {
    const pid = worker.process.pid!;
    if (worker.process.exitCode === null && worker.process.signalCode === null) {
      const exited = new Promise<void>((resolve) => worker.process.once('exit', () => resolve()));
      process.kill(pid, 'SIGKILL');
      await exited;
    }
    return pid;
  };
  const restartWorker = async (): Promise<void> => {
    worker = start('worker', compiled, fullEnv, logs);
    children[0] = worker;
    await waitUntilServing(baseUrl, worker, null, [worker], logs);
  };
  return { baseUrl, output: () => logs.join(''), stop, killWorker, restartWorker };
}

function stopAll(children: Child[]): Promise<void> {
  return Promise.all(children.map(({ process: c }) => new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
  }))).then(() => undefined);
}
