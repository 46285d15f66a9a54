// Entry point of the HTTP API: connects every client, builds the app, then listens. On SIGTERM it
// stops accepting, answers the requests in flight, closes its clients and exits 0 (config/shutdown.ts).
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { exitStopped, shutdownSignal } from '../config/shutdown.js';
import { buildApp } from './app.js';
import { connectAppDeps } from './connect-deps.js';
import { drainable } from './drain.js';
import { startMetricsListener, type MetricsListener } from './metrics-listener.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'tenure-api' });
  const { graceMs } = config.shutdown;
  const signalled = shutdownSignal({ log, graceMs });
  const { deps, close } = await connectAppDeps(config, log);
  const app = await buildApp(deps, log);
  const http = drainable(app);
  let metrics: MetricsListener | null = null;
  if (config.metrics.port !== 0) metrics = await startMetricsListener({ metrics: deps.metrics, host: config.metrics.host, port: config.metrics.port, log });
  await app.listen({ host: config.http.host, port: config.http.port });
  await signalled;
  const { cutConnections } = await http.drain(graceMs);
  if (cutConnections) log.warn({ graceMs }, 'requests still running at the end of the grace period were cut off');
  await metrics?.close();
  await close();
  exitStopped(log, 'api stopped');
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `tenure-api failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
