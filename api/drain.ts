import type { FastifyInstance } from 'fastify';

// The API's part of a graceful shutdown: the listener closes (a new connection is refused), every
// request already received is answered, and each answer during the drain carries `Connection: close`
// so keep-alive clients reconnect elsewhere; idle keep-alive connections are closed as they go idle.
// What is still open after the grace period is cut.

const REAP_IDLE_EVERY_MS = 100;

export interface Drain {
  /** Closes the app (its onClose hooks included) once every request in flight is answered, or at graceMs. */
  drain(graceMs: number): Promise<{ cutConnections: boolean }>;
}

/** Prepares the app for draining; call before it listens (it adds a hook). */
export function drainable(app: FastifyInstance): Drain {
  let draining = false;
  app.addHook('onSend', async (_req, reply, payload) => {
    if (draining) reply.header('connection', 'close');
    return payload;
  });
  return {
    async drain(graceMs) {
      draining = true;
      let cutConnections = false;
      const reaper = setInterval(() => app.server.closeIdleConnections(), REAP_IDLE_EVERY_MS);
      const deadline = setTimeout(() => { cutConnections = true; app.server.closeAllConnections(); }, graceMs);
      try {
        await app.close();
      } finally {
        clearInterval(reaper);
        clearTimeout(deadline);
      }
      return { cutConnections };
    },
  };
}
