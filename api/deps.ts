import type { ServiceDeps } from '../services/deps.js';

// Everything the app needs, constructed by the entry point (api/server.ts) or a test harness: the
// clients the services use, plus what only the API's own routes touch (readiness).
export interface AppDeps extends ServiceDeps {
  sql: { unsafe(q: string): Promise<unknown> };
  kafka: { describeCluster(): Promise<unknown> };
}
