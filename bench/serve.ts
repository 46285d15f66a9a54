import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';

// Runs a bench server in `workers` processes sharing one port (node:cluster; port 0 gives all
// workers the same random port), then prints the ready line bench/lib.ts waits for.

/** In the primary: fork and report; in a worker: build the app, listen, and tell the primary. */
export async function serve(workers: number, build: () => Promise<{ app: FastifyInstance; close(): Promise<void> }>): Promise<void> {
  if (workers > 1 && cluster.isPrimary) {
    let ready = 0;
    cluster.on('message', (_w, msg: { address?: string }) => {
      if (msg.address && ++ready === workers) process.stdout.write(`${JSON.stringify({ benchReady: true, address: msg.address, workers })}\n`);
    });
    for (let i = 0; i < workers; i++) cluster.fork();
    process.once('SIGTERM', () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      cluster.once('exit', () => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); });
      setTimeout(() => process.exit(0), 5_000).unref();
    });
    return;
  }
  const { app, close } = await build();
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  if (cluster.isWorker) process.send!({ address });
  else process.stdout.write(`${JSON.stringify({ benchReady: true, address, workers: 1 })}\n`);
  process.once('SIGTERM', () => void app.close().then(close).then(() => process.exit(0)));
}

/** `--workers N` from the command line (1 by default, at most 8). */
export function workersArg(): number {
  const i = process.argv.indexOf('--workers');
  return i > 0 ? Math.max(1, Math.min(8, Number(process.argv[i + 1]) || 1)) : 1;
}
