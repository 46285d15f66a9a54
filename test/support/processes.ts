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

export interface TenureProcesses { baseUrl: string; output(): string; stop(): Promise<void> }

function start(entry: string, env: Record<string, string>, sink: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => sink.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => sink.push(d.toString()));
  return child;
}

/**
 * Runs the real API and worker processes (as `npm start` does) with the given environment, and the
 * notifier too when asked (it needs SMTP_URL; this waits until it has joined its consumer group).
 * The API listens on `env.PORT` when given (so a test can set PUBLIC_URL to it), else on a free port.
 */
export async function startTenure(env: Record<string, string>, opts: { notifier?: boolean } = {}): Promise<TenureProcesses> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const logs: string[] = [];
  // The worker's metrics endpoints are off unless a test asks for them, so parallel stacks never fight over ports.
  const fullEnv = { WORKER_METRICS_PORT: '0', TEMPORAL_METRICS_PORT: '0', NOTIFIER_METRICS_PORT: '0', ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: env.LOG_LEVEL ?? 'info' };
  const children = [start('workers/temporal-worker.ts', fullEnv, logs), start('api/server.ts', fullEnv, logs)];
  if (opts.notifier) children.push(start('workers/notifier.ts', fullEnv, logs));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const exited = children.find((c) => c.exitCode !== null);
    if (exited) throw new Error(`a Tenure process exited during start-up:\n${logs.join('')}`);
    const notifierReady = !opts.notifier || logs.join('').includes('notifier joined its group');
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok && notifierReady) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`Tenure did not start within 60s:\n${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    output: () => logs.join(''),
    async stop() {
      await Promise.all(children.map((c) => new Promise<void>((resolve) => {
        if (c.exitCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
        setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
      })));
    },
  };
}
