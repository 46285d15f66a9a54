import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { TenureApiError } from './errors.js';
import type { TenureClient } from './tenure-client.js';
import type { FeatureCheck } from './types.js';

// A Fastify preHandler for product backends, beside enforceUsage: run the route only when a feature
// is on for the tenant, and answer 403 FEATURE_DISABLED (Tenure's error body shape) when it is off.

export interface RequireFeatureOptions {
  /** Where the tenant comes from, e.g. the verified token: (req) => req.user.tenantId. */
  tenantId(req: FastifyRequest): string;
  /** When Tenure cannot be reached (or answers 5xx): 'deny' (default) answers 503, 'allow' runs the route. */
  onUnavailable?: 'deny' | 'allow';
}

declare module 'fastify' {
  interface FastifyRequest { featureCheck?: FeatureCheck }
}

/** Builds the preHandler; the check is left on `req.featureCheck` (absent when Tenure was unavailable and allowed). */
export function requireFeature<K extends string>(client: TenureClient<K>, key: K, opts: RequireFeatureOptions): preHandlerAsyncHookHandler {
  return async function requireFeatureHook(req: FastifyRequest, reply: FastifyReply) {
    let check: FeatureCheck;
    try {
      check = await client.checkFeature(opts.tenantId(req), key);
    } catch (err) {
      return answerFailure(err, key, opts.onUnavailable ?? 'deny', req, reply);
    }
    req.featureCheck = check;
    if (!check.enabled) {
      return reply.code(403).send(errorBody(req, 'FEATURE_DISABLED', `feature ${key} is not enabled for this tenant`, { feature: key, reason: check.reason }));
    }
  };
}

function errorBody(req: FastifyRequest, code: string, message: string, details: Record<string, unknown>) {
  return { error: { code, message, requestId: req.id, details } };
}

const isUnavailable = (err: unknown): boolean => err instanceof TenureApiError && (err.status === 0 || err.status >= 500);

/** Tenure down: the policy decides. An unknown tenant: Tenure's 404. Anything else (a bad token): the app's error handler. */
async function answerFailure(err: unknown, key: string, policy: 'deny' | 'allow', req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (isUnavailable(err)) {
    req.log.warn({ err, feature: key, policy }, 'Tenure unavailable for a feature check');
    if (policy === 'allow') return undefined;
    return reply.code(503).header('retry-after', '5').send(errorBody(req, 'DEPENDENCY_UNAVAILABLE', 'the entitlement service is unavailable, retry later', { feature: key }));
  }
  if (err instanceof TenureApiError && err.code === 'TENANT_NOT_FOUND') {
    return reply.code(404).send(errorBody(req, err.code, err.message, { feature: key }));
  }
  throw err;
}
