// Entry point of the HTTP API: connects every client, builds the app, then listens.
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { buildApp } from './app.js';
import { connectAppDeps } from './connect-deps.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'tenure-api' });
  const { deps, close } = await connectAppDeps(config, log);
  const app = await buildApp(deps, log);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.http.host, port: config.http.port });
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `tenure-api failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
