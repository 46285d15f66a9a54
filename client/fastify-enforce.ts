import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { TenureClient } from './tenure-client.js';
import type { Decision } from './types.js';

// A Fastify preHandler for product backends: count one unit of a metric before the route runs, and
// answer the refusal (402/403/404, Tenure's error body) instead of running it.

export interface EnforceRouteOptions<K extends string = string> {
  metric: K;
  /** Where the tenant comes from, e.g. the verified token: (req) => req.user.tenantId. */
  tenantId(req: FastifyRequest): string;
  amount?: number | ((req: FastifyRequest) => number);
  /** e.g. a request header, so a retried request is counted once. */
  idempotencyKey?(req: FastifyRequest): string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest { usageDecision?: Decision }
}

/** Builds the preHandler; the allowed decision is left on `req.usageDecision`. */
export function enforceUsage<K extends string>(client: TenureClient<K>, opts: EnforceRouteOptions<K>): preHandlerAsyncHookHandler {
  return async function enforceUsageHook(req: FastifyRequest, reply: FastifyReply) {
    const amount = typeof opts.amount === 'function' ? opts.amount(req) : opts.amount ?? 1;
    const decision = await client.enforce(opts.tenantId(req), opts.metric, { amount, idempotencyKey: opts.idempotencyKey?.(req) });
    if (decision.warning) void reply.header('x-billing-warning', decision.warning);
    req.usageDecision = decision;
    if (!decision.allowed) {
      return reply.code(decision.status).send({ error: { code: decision.code, message: decision.message, ...(decision.details ? { details: decision.details } : {}) } });
    }
  };
}
