import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../support/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { uid } from '../../support/ids.js';
import { freePort, startTenure, type TenureProcesses } from '../../support/processes.js';

// With METRICS_PORT set, the API serves /metrics on its own listener (METRICS_HOST:METRICS_PORT),
// which an operator can keep off the public network, and not on the public port.
let database: TestDatabase;
let tenure: TenureProcesses;
let metricsPort: number;
beforeAll(async () => {
  database = await createTestDatabase(testConfig().db.url);
  metricsPort = await freePort();
  tenure = await startTenure({ DATABASE_URL: database.url, TEMPORAL_TASK_QUEUE: uid('billing-metrics-'), REDIS_KEY_PREFIX: `${uid('metrics')}:`, METRICS_HOST: '127.0.0.1', METRICS_PORT: String(metricsPort) });
});
afterAll(async () => { await tenure?.stop(); await database?.drop(); });

describe('METRICS_PORT', () => {
  it('serves /metrics on its own listener and not on the API port', async () => {
    expect((await fetch(`${tenure.baseUrl}/healthz`)).status).toBe(200);
    const onApi = await fetch(`${tenure.baseUrl}/metrics`);
    expect(onApi.status).toBe(404);
    expect(((await onApi.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toContain('text/plain');
    const body = await scraped.text();
    expect(body).toContain('http_request_duration_seconds');
    expect(body).toContain('route="/healthz"');
  });

  it('leaves /metrics out of the public OpenAPI document', async () => {
    const spec = await (await fetch(`${tenure.baseUrl}/openapi.json`)).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).not.toContain('/metrics');
  });
});
