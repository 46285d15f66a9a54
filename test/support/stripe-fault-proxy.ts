import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './processes.js';

// A proxy in front of the real stripe-mock that answers chosen requests with the error Stripe itself
// would send (same status, body shape and Request-Id header), and forwards everything else. It lets a
// test provoke Stripe's refusals and outages that stripe-mock, being stateless, never produces.

export interface StripeFault { method: string; pathPrefix: string; status: number; error: Record<string, unknown>; requestId: string }

/** The three faults of the error model: a wrong key, an unknown object, and Stripe's rate limit. */
export const STRIPE_FAULTS = {
  authentication: { status: 401, error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_live_****4242' } },
  noSuchCustomer: { status: 404, error: { type: 'invalid_request_error', code: 'resource_missing', param: 'customer', message: "No such customer: 'cus_SecretOtherTenant'" } },
  rateLimit: { status: 429, error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.' } },
} as const;

/**
 * A canned successful answer, for the objects stripe-mock cannot hold (it always returns its fixture).
 * With `contentType`, `body` is a string sent as is (a file Stripe hosts, such as an invoice PDF).
 */
export interface StripeAnswer { method: string; pathPrefix: string; status?: number; body: unknown; contentType?: string }
/** A request the proxy saw: method, path with query, and the form-encoded body as sent. */
export interface SeenStripeRequest { method: string; path: string; body: string; idempotencyKey: string | null }

export interface StripeFaultProxy {
  url: string;
  /** Every request that reached the proxy, in order. */
  seen: SeenStripeRequest[];
  inject(fault: StripeFault): void;
  /** Answers matching requests with `body` (until clear), instead of forwarding them. */
  answer(answer: StripeAnswer): void;
  /** Fails only the next matching request with the fault, then forwards again. */
  injectOnce(fault: StripeFault): void;
  clear(): void;
  close(): Promise<void>;
  /** How many requests reached the proxy (answered by a fault or forwarded) for that method and path prefix. */
  count(method: string, pathPrefix: string): number;
}

function forward(target: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const upstream = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => { res.writeHead(502); res.end(); });
  upstream.end(body);
}

/** What Stripe answers a key sent again with other parameters (stripe-mock keeps no keys). */
const IDEMPOTENCY_ERROR = { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than \'k\' if you meant to execute a different request.' };

/**
 * Starts the proxy on a free loopback port in front of `stripeMockUrl`. With `idempotency`, it keeps
 * each Idempotency-Key's first method, path and body, as Stripe does, and answers a key reused with
 * another request with Stripe's 400 idempotency_error (a failed first attempt keeps its key too).
 */
export async function startStripeFaultProxy(stripeMockUrl: string, opts: { idempotency?: boolean } = {}): Promise<StripeFaultProxy> {
  const target = new URL(stripeMockUrl);
  const keys = new Map<string, string>();
  let faults: (StripeFault & { once?: boolean })[] = [];
  let answers: StripeAnswer[] = [];
  const seen: SeenStripeRequest[] = [];
  const matches = (req: IncomingMessage) => (r: { method: string; pathPrefix: string }) => r.method === req.method && (req.url ?? '').startsWith(r.pathPrefix);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const key = req.headers['idempotency-key'];
      seen.push({ method: req.method ?? '', path: req.url ?? '', body: body.toString(), idempotencyKey: typeof key === 'string' ? key : null });
      if (opts.idempotency && typeof key === 'string' && req.method === 'POST') {
        const request = `${req.method} ${req.url ?? ''}\n${body.toString()}`;
        const first = keys.get(key);
        if (first === undefined) keys.set(key, request);
        else if (first !== request) {
          res.writeHead(400, { 'content-type': 'application/json', 'request-id': `req_idem_${seen.length}` });
          res.end(JSON.stringify({ error: IDEMPOTENCY_ERROR }));
          return;
        }
      }
      const fault = faults.find(matches(req));
      if (fault) {
        if (fault.once) faults = faults.filter((f) => f !== fault);
        res.writeHead(fault.status, { 'content-type': 'application/json', 'request-id': fault.requestId });
        res.end(JSON.stringify({ error: fault.error }));
        return;
      }
      const canned = answers.find(matches(req));
      if (canned) {
        res.writeHead(canned.status ?? 200, { 'content-type': canned.contentType ?? 'application/json', 'request-id': `req_canned_${seen.length}` });
        res.end(canned.contentType ? String(canned.body) : JSON.stringify(canned.body));
        return;
      }
      forward(target, req, body, res);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    inject: (fault) => { faults = [...faults, fault]; },
    injectOnce: (fault) => { faults = [...faults, { ...fault, once: true }]; },
    answer: (a) => { answers = [...answers, a]; },
    clear: () => { faults = []; answers = []; seen.length = 0; },
    count: (method, pathPrefix) => seen.filter((r) => r.method === method && r.path.startsWith(pathPrefix)).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
