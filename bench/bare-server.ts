// The baseline for bench:consume: a bare Fastify route on the same machine that parses the same
// JSON body and answers the same JSON shape (consume, and the feature check), with no auth, no validation and no Redis.
import Fastify from 'fastify';
import { serve, workersArg } from './serve.js';

await serve(workersArg(), async () => {
  const app = Fastify({ logger: false });
  app.post('/internal/tenants/:id/usage/consume', async () => ({ allowed: true, used: 1, limit: 1000, remaining: 999 }));
  app.get('/internal/tenants/:id/features/:key', async (req) => ({ key: (req.params as { key: string }).key, enabled: true, reason: 'plan' }));
  return { app, close: async () => undefined };
});
