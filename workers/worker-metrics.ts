import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { AddressInfo } from 'node:net';
import { createWorkerMetrics, type WorkerMetrics } from '../config/metrics.js';
import type { Logger } from '../config/logger.js';
import type { Db } from '../db/client.js';
import { outboxBacklog } from '../db/queries/billing-events.js';
import { countActiveTrials } from '../db/queries/tenant-list.js';
import { countEndpointsDisabledByFailures } from '../db/queries/webhook-endpoints.js';

// The worker's own Prometheus endpoint (GET /metrics). The API serves its registry on its /metrics;
// the worker has no HTTP server otherwise, so this small one exposes what only the worker counts.

export interface WorkerMetricsServer { metrics: WorkerMetrics; port: number | null; close(): Promise<void> }

/** Creates the worker registry and, unless `port` is 0, serves it on host:port; a busy port is logged, not fatal. */
export async function startWorkerMetrics(opts: { db: Db; host: string; port: number; log: Logger; countStuckLifecycles?: () => Promise<number> }): Promise<WorkerMetricsServer> {
  const metrics = createWorkerMetrics({ countActiveTrials: () => countActiveTrials(opts.db), outboxBacklog: () => outboxBacklog(opts.db), countDisabledWebhookEndpoints: () => countEndpointsDisabledByFailures(opts.db), countStuckLifecycles: opts.countStuckLifecycles });
  return { metrics, ...(await serveRegistry(metrics.registry, { ...opts, name: 'worker' })) };
}

/** Serves one registry on GET /metrics at host:port (not at all for port 0); a busy port is logged, not fatal. */
export async function serveRegistry(registry: Registry, opts: { host: string; port: number; log: Logger; name: string }): Promise<{ port: number | null; close(): Promise<void> }> {
  if (opts.port === 0) return { port: null, close: async () => {} };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (err: unknown) => { opts.log.error({ err }, `${opts.name} metrics scrape failed`); res.writeHead(500).end(); },
    );
  });
  const port = await listen(server, opts.host, opts.port).catch((err: unknown) => {
    // Metrics are not worth stopping the process for: run without the endpoint and say so.
    opts.log.warn({ err, host: opts.host, port: opts.port }, `${opts.name} metrics endpoint not started`);
    return null;
  });
  if (port !== null) opts.log.info({ url: `http://${opts.host}:${port}/metrics` }, `${opts.name} metrics listening`);
  return { port, close: () => new Promise<void>((resolve) => (port === null ? resolve() : server.close(() => resolve()))) };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The bind address for the Temporal SDK's Prometheus exporter, or null (disabled by port 0, or the port
 * is taken: the SDK would otherwise fail the worker's start-up on a busy port, which metrics are not worth).
 */
export async function temporalMetricsAddress(host: string, port: number, log: Logger): Promise<string | null> {
  if (port === 0) return null;
  const probe = createServer();
  const free = await listen(probe, host, port).then(() => true, () => false);
  if (free) await new Promise<void>((resolve) => probe.close(() => resolve()));
  else log.warn({ host, port }, 'Temporal SDK metrics endpoint not started: the port is in use');
  return free ? `${host}:${port}` : null;
}
