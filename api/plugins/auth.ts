import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { TenureError } from '../../domain/errors.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { claimsProblem, type TokenPolicy } from '../../services/auth/token-claims.js';

export { ROLES, type Role };

export interface Principal { sub: string; tenantId: string | null; roles: Role[] }

declare module '@fastify/jwt' {
  interface FastifyJWT { payload: { sub: string; tenantId?: string | null; roles: Role[] }; user: Principal }
}
declare module 'fastify' {
  interface FastifyInstance {
    /**
     * onRequest hook: a valid token carrying at least one of the roles. It runs before body parsing and
     * validation, so an unauthenticated caller learns nothing about a route's schema.
     */
    requireRoles(...roles: Role[]): onRequestHookHandler;
  }
}

/** The tenant a tenant-scoped request acts on: always the token's, never the URL's or the body's. */
export function tenantOf(req: FastifyRequest): string {
  const tenantId = req.user?.tenantId;
  if (!tenantId) throw new TenureError('FORBIDDEN', 'this token is not bound to a tenant');
  return tenantId;
}

async function authPlugin(app: FastifyInstance, opts: { secret: string; policy: TokenPolicy }): Promise<void> {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    sign: { algorithm: 'HS256', expiresIn: '1h' },
    verify: { algorithms: ['HS256'], cache: 10_000 },
    formatUser: (p) => ({ sub: String(p.sub), tenantId: typeof p.tenantId === 'string' ? p.tenantId : null, roles: Array.isArray(p.roles) ? p.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [] }),
  });
  app.decorate('requireRoles', (...roles: Role[]): onRequestHookHandler => async (req) => {
    let payload: Record<string, unknown> | null;
    try {
      await req.jwtVerify();
      // jwtVerify answers with formatUser's view; the claim checks need the token's own claims.
      payload = await req.jwtDecode<Record<string, unknown>>();
    } catch {
      throw new TenureError('UNAUTHENTICATED', 'missing, expired or invalid bearer token');
    }
    // The signature is good; the claims must still be ones Tenure would have issued.
    const problem = payload === null || typeof payload !== 'object' ? 'the token has no claims' : claimsProblem(payload, opts.policy);
    if (problem) {
      req.log.info({ problem }, 'bearer token refused');
      throw new TenureError('UNAUTHENTICATED', 'missing, expired or invalid bearer token');
    }
    if (!req.user.roles.some((r) => roles.includes(r))) {
      throw new TenureError('FORBIDDEN', `requires one of the roles: ${roles.join(', ')}`);
    }
  });
}

export default fp(authPlugin, { name: 'auth' });
