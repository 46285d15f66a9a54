import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TenureError, type ErrorCode } from '../domain/errors.js';

export interface ErrorBody { error: { code: string; message: string; requestId: string; details?: unknown } }

/** The single error handler: TenureError keeps its code, framework errors map to codes, 5xx hides internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | TenureError | Error, req: FastifyRequest, reply: FastifyReply) => {
    return sendError(err, req, reply);
  });
  app.setNotFoundHandler((req, reply) => {
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message: `route ${req.method} ${req.url.split('?')[0]} not found`, requestId: req.id } };
    return reply.status(404).send(body);
  });
}

/**
 * Fastify's `frameworkErrors` option: what the router refuses before any hook runs (an over-long
 * path parameter, a path that is not valid percent-encoding) gets the same envelope.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  void sendError(err, req, reply);
}

function sendError(err: FastifyError | TenureError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, code, message, details, headers } = classify(err);
  if (status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code, status }, 'request rejected');
  for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
  const body: ErrorBody = { error: { code, message, requestId: req.id, ...(details !== undefined ? { details } : {}) } };
  return reply.status(status).send(body);
}

// The 4xx statuses Fastify itself produces, each with the code of the closed set that carries it.
const FRAMEWORK_CODES: Record<number, ErrorCode> = { 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 414: 'URI_TOO_LONG', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED' };

interface Classified { status: number; code: ErrorCode; message: string; details?: unknown; headers: Record<string, string> }

function classify(err: FastifyError | TenureError | Error): Classified {
  if (err instanceof TenureError) {
    // A 503 is a promise to be back: its message stays (it names no internals) and says when to retry.
    if (err.code === 'DEPENDENCY_UNAVAILABLE') return { status: 503, code: err.code, message: err.message, details: err.details, headers: { 'retry-after': '5' } };
    return { status: err.status, code: err.code, message: err.status >= 500 ? hiddenMessage(err.code) : err.message, details: err.status < 500 || err.code === 'STRIPE_ERROR' ? err.details : undefined, headers: {} };
  }
  return classifyFastifyError(err as FastifyError & { validation?: unknown[]; validationContext?: string });
}

// 5xx answers name what failed, never why: the log has the cause.
function hiddenMessage(code: ErrorCode): string {
  return code === 'STRIPE_ERROR' ? 'the payment provider refused the request' : 'internal error';
}

// Only Fastify's own errors (code FST_*) keep their 4xx status; any other error, whatever statusCode
// it carries (a Stripe error does), is a 500 that hides its message.
function classifyFastifyError(fe: FastifyError & { validation?: unknown[]; validationContext?: string }): Classified {
  if (fe.validation) {
    return { status: 400, code: 'VALIDATION_FAILED', message: `invalid ${fe.validationContext ?? 'request'}: ${fe.message}`, details: fe.validation, headers: {} };
  }
  const status = fe.statusCode ?? 500;
  if (typeof fe.code !== 'string' || !fe.code.startsWith('FST_') || status < 400 || status >= 500) {
    return { status: 500, code: 'INTERNAL', message: 'internal error', headers: {} };
  }
  if (fe.code.startsWith('FST_JWT')) return { status: 401, code: 'UNAUTHENTICATED', message: 'missing or invalid bearer token', headers: {} };
  if (status === 429) return { status, code: 'RATE_LIMITED', message: 'too many requests', headers: {} };
  const code = FRAMEWORK_CODES[status];
  // Any other 4xx of Fastify's is a request it could not read: a 400, so the status matches the code.
  if (code === undefined) return { status: 400, code: 'VALIDATION_FAILED', message: fe.message, headers: {} };
  return { status, code, message: fe.message, headers: {} };
}
