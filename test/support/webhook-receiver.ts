import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// A webhook receiver on loopback for the tests: it records every request and answers by path.
// `/ok` answers 200; `/flaky` 500 to the first two requests of each webhook-id, then 200; `/down` 500.

/** `path` without the query string; `target` the whole request target. */
export interface ReceivedWebhook { path: string; target: string; headers: IncomingHttpHeaders; body: string; id: string; status: number }

export interface WebhookReceiver { url(path: 'ok' | 'flaky' | 'down'): string; received: ReceivedWebhook[]; on(path: string): ReceivedWebhook[]; close(): Promise<void> }

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.url ?? '/';
      const path = target.split('?')[0]!.slice(1);
      const id = String(req.headers['webhook-id'] ?? '');
      const earlier = received.filter((r) => r.path === path && r.id === id).length;
      const status = path === 'ok' || (path === 'flaky' && earlier >= 2) ? 200 : 500;
      received.push({ path, target, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), id, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'thanks' : 'receiver is failing on purpose');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}/${path}`,
    received,
    on: (path) => received.filter((r) => r.path === path),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
