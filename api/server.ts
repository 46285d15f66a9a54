// Entry point of the HTTP API: connects every client, builds the app, then listens.
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { buildApp } from './app.js';
import { connectAppDeps } from './connect-deps.js';
import { startMetricsListener, type MetricsListener } from './metrics-listener.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'tenure-api' });
  const { deps, close } = await connectAppDeps(config, log);
  const app = await buildApp(deps, log);
  let metrics: MetricsListener | null = null;
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await metrics?.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  if (config.metrics.port !== 0) metrics = await startMetricsListener({ metrics: deps.metrics, host: config.metrics.host, port: config.metrics.port, log });
  await app.listen({ host: config.http.host, port: config.http.port });
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `tenure-api failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
