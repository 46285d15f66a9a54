// The real Tenure API for bench:consume, in its own process(es), on 127.0.0.1 and a free port.
import { buildApp } from '../api/app.js';
import { connectAppDeps } from '../api/connect-deps.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { serve, workersArg } from './serve.js';

await serve(workersArg(), async () => {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'bench-api' });
  const { deps, close } = await connectAppDeps(config, log);
  return { app: await buildApp(deps, log), close };
});
