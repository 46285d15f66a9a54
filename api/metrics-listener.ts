import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../config/metrics.js';

// The API's /metrics on a listener of its own (METRICS_HOST:METRICS_PORT), so an operator can keep
// it off the public address; with METRICS_PORT unset (0) the API serves /metrics on its own port.

export interface MetricsListener { port: number; close(): Promise<void> }

/** Serves GET /metrics from the API's registry on host:port; a busy port fails the start. */
export async function startMetricsListener(opts: { metrics: Metrics; host: string; port: number; log: Logger }): Promise<MetricsListener> {
  const { registry } = opts.metrics;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (err: unknown) => { opts.log.error({ err }, 'metrics scrape failed'); res.writeHead(500).end(); },
    );
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => { server.off('error', reject); resolve((server.address() as AddressInfo).port); });
  });
  opts.log.info({ url: `http://${opts.host}:${port}/metrics` }, 'API metrics listening');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
