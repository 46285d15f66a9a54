import type { ServiceDeps } from '../services/deps.js';
import type { FeatureCatalogCache } from '../services/features/feature-catalog.js';

// Everything the app needs, constructed by the entry point (api/server.ts) or a test harness: the
// clients the services use, the process's copy of the feature catalog, plus what only the API's own
// routes touch (readiness).
export interface AppDeps extends ServiceDeps {
  features: FeatureCatalogCache;
  sql: { unsafe(q: string): Promise<unknown> };
  kafka: { describeCluster(): Promise<unknown> };
}
