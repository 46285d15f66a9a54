import { ERROR_CODES } from '../../domain/errors.js';

// The error envelope in every route's response schema, so /openapi.json documents it (and its closed set of codes).
export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: { code: { type: 'string', enum: Object.keys(ERROR_CODES) }, message: { type: 'string' }, requestId: { type: 'string' }, details: {} },
    },
  },
} as const;

/** Declares the error envelope for each listed status. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema]));
}

/** The routes the rate limiter lets through unthrottled (probes and scrapes). */
export const UNTHROTTLED_URLS: readonly string[] = ['/healthz', '/metrics'];

interface DocumentedRoute { url: string; method: string | string[]; schema?: { hide?: boolean; response?: Record<string | number, unknown> }; config?: unknown }

/**
 * The statuses a route can answer before or besides its handler, added to its response schemas so
 * /openapi.json lists every status it can return: 400 (unreadable input, text Postgres cannot store,
 * a bad percent-encoding), 500 (an unexpected failure), 413 and 415 where a body is read, 414 where
 * the path has parameters, 429 where the rate limiter counts the route. A route's own entries win.
 */
export function frameworkStatuses(route: DocumentedRoute): number[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const statuses = [400, 500];
  if (methods.some((m) => m !== 'GET' && m !== 'HEAD')) statuses.push(413, 415);
  if (route.url.includes(':')) statuses.push(414);
  const rateLimit = (route.config as { rateLimit?: unknown } | undefined)?.rateLimit;
  if (rateLimit !== false && !UNTHROTTLED_URLS.includes(route.url)) statuses.push(429);
  return statuses;
}

/** An onRoute hook: documents frameworkStatuses on every route /openapi.json shows (never mutating a shared schema). */
export function documentFrameworkStatuses(route: DocumentedRoute): void {
  if (route.schema?.hide) return;
  const own = route.schema?.response ?? {};
  // A route that declares no success schema keeps Swagger's default 200 (static files, /metrics).
  const success = Object.keys(own).some((s) => String(s).startsWith('2')) ? {} : { 200: { description: 'Default Response' } };
  route.schema = { ...route.schema, response: { ...success, ...errorResponses(...frameworkStatuses(route)), ...own } };
}
