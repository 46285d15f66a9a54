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

export interface StripeFaultProxy {
  url: string; inject(fault: StripeFault): void; clear(): void; close(): Promise<void>;
  /** How many requests reached the proxy (answered by a fault or forwarded) for that method and path prefix. */
  count(method: string, pathPrefix: string): number;
}

function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => { res.writeHead(502); res.end(); });
  req.pipe(upstream);
}

/** Starts the proxy on a free loopback port in front of `stripeMockUrl`. */
export async function startStripeFaultProxy(stripeMockUrl: string): Promise<StripeFaultProxy> {
  const target = new URL(stripeMockUrl);
  let faults: StripeFault[] = [];
  const seen: { method: string; url: string }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' });
    const fault = faults.find((f) => f.method === req.method && (req.url ?? '').startsWith(f.pathPrefix));
    if (!fault) return forward(target, req, res);
    req.resume();
    res.writeHead(fault.status, { 'content-type': 'application/json', 'request-id': fault.requestId });
    res.end(JSON.stringify({ error: fault.error }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    inject: (fault) => { faults = [...faults, fault]; },
    clear: () => { faults = []; },
    count: (method, pathPrefix) => seen.filter((r) => r.method === method && r.url.startsWith(pathPrefix)).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
