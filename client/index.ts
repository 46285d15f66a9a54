// Tenure's client for product backends: enforce(), feature checks and friends over HTTP, plus Fastify preHandlers.
export { createTenureClient, type TenureClient, type TenureClientOptions } from './tenure-client.js';
export { DEFAULT_CACHE_MS } from './feature-reads.js';
export { enforceUsage, type EnforceRouteOptions } from './fastify-enforce.js';
export { requireFeature, type RequireFeatureOptions } from './fastify-features.js';
export { TenureApiError, UsageRefusedError, type RefusalCode } from './errors.js';
export type {
  Access, Decision, FeatureCheck, FeatureCheckReason, FeatureEntitlement, FeatureKind, Metric, MetricUsage, PlanLimits,
  TenantEntitlements, TenantStatus, TenantUsage, UsageOptions,
} from './types.js';
