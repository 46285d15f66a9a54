import type { Producer } from 'kafkajs';
import type { ServiceDeps } from '../services/deps.js';

// Everything the app needs, constructed by the entry point (api/server.ts) or a test harness: the
// clients the services use, plus what only the API's own routes touch (readiness, the producer).
export interface AppDeps extends ServiceDeps {
  sql: { unsafe(q: string): Promise<unknown> };
  kafka: { producer: Producer; describeCluster(): Promise<unknown> };
}
