// A stand-in for Tenure's HTTP API in the client's unit tests: a fetch that answers from a table of
// routes and records every request, so a test can count the calls a cache saved.

export interface RecordedRequest { method: string; path: string; authorization: string | null; body: unknown }
export type FakeRoute = (req: RecordedRequest) => { status: number; body: unknown; headers?: Record<string, string> };

export interface FakeTenure {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Answers `METHOD /path` with the route's answer; replaces an earlier one. */
  on(method: string, path: string, route: FakeRoute | { status: number; body: unknown }): void;
  /** From now on every request fails as if Tenure were down. */
  goDown(): void;
}

export function createFakeTenure(): FakeTenure {
  const routes = new Map<string, FakeRoute>();
  const requests: RecordedRequest[] = [];
  let down = false;
  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const req = { method: init?.method ?? 'GET', path: url.pathname, authorization: headers.get('authorization'), body: init?.body ? JSON.parse(String(init.body)) : undefined };
    requests.push(req);
    if (down) throw new TypeError('fetch failed');
    const route = routes.get(`${req.method} ${req.path}`);
    const answer = route ? route(req) : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route' } } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } });
  };
  return {
    fetch: fakeFetch as typeof fetch,
    requests,
    on(method, path, route) { routes.set(`${method} ${path}`, typeof route === 'function' ? route : () => route); },
    goDown() { down = true; },
  };
}
