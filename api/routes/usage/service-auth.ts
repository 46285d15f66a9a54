import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Principal } from '../../plugins/auth.js';

const MAX_TOKENS = 10_000;

/**
 * requireRoles('service'), remembered per exact bearer token until the token expires. Product
 * backends send the same service token thousands of times a second; verifying it once (signature,
 * algorithm, expiry, the claim checks of services/auth/token-claims.ts and role, all by the auth
 * plugin) instead of on each request is a large share of the hot path's CPU. Only successes are
 * remembered, and only until the token's exp, which the claim checks require and cap.
 */
export function rememberedServiceAuth(app: FastifyInstance): onRequestAsyncHookHandler {
  const verify = app.requireRoles('service') as unknown as (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  const verified = new Map<string, { user: Principal; expiresAt: number }>();
  return async function serviceAuth(this: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = req.headers.authorization;
    const known = header === undefined ? undefined : verified.get(header);
    if (known && known.expiresAt > Date.now()) {
      req.user = known.user;
      return;
    }
    await verify.call(this, req, reply);
    const exp = header ? app.jwt.decode<{ exp?: unknown }>(header.slice(7))?.exp : undefined;
    if (typeof exp !== 'number') return;
    if (verified.size >= MAX_TOKENS) verified.clear();
    verified.set(header!, { user: req.user, expiresAt: exp * 1000 });
  };
}
