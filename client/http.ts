import { TenureApiError } from './errors.js';

// The one HTTP call every client method makes: bearer token, JSON, a timeout; an unreachable Tenure
// becomes TenureApiError with status 0.

export interface TransportOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** A service JWT, or a function returning a fresh one. */
  token: string | (() => string | Promise<string>);
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ApiAnswer { status: number; body: unknown; headers: Headers }
export type ApiCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<ApiAnswer>;

interface ErrorBody { error?: { code?: string; message?: string; details?: unknown } }

/** Builds the call function over fetch. */
export function createApiCall(opts: TransportOptions): ApiCall {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  return async function call(method, path, body) {
    const token = typeof opts.token === 'function' ? await opts.token() : opts.token;
    try {
      const res = await doFetch(`${base}${path}`, {
        method, signal: AbortSignal.timeout(opts.timeoutMs ?? 2_000),
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
    } catch (err) {
      throw new TenureApiError(0, 'UNREACHABLE', `Tenure is unreachable: ${(err as Error).message}`);
    }
  };
}

/** Tenure's error body (`{error: {code, message, details}}`) of an answer, if it has one. */
export function errorOf(answer: ApiAnswer): ErrorBody['error'] {
  return (answer.body as ErrorBody | null)?.error;
}

/** The error an unexpected answer stands for. */
export function unexpectedAnswer(answer: ApiAnswer): TenureApiError {
  const err = errorOf(answer);
  return new TenureApiError(answer.status, err?.code ?? 'UNEXPECTED', err?.message ?? `unexpected answer ${answer.status} from Tenure`, err?.details);
}

/** The body of a 200 answer; anything else throws TenureApiError. */
export function expectOk<T>(answer: ApiAnswer): T {
  if (answer.status === 200) return answer.body as T;
  throw unexpectedAnswer(answer);
}

/** The path prefix of one tenant's internal routes. */
export const tenantPath = (tenantId: string): string => `/internal/tenants/${encodeURIComponent(tenantId)}`;
