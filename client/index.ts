// Tenure's client for product backends: enforce() and friends over HTTP, plus a Fastify preHandler.
export { createTenureClient, type TenureClient, type TenureClientOptions } from './tenure-client.js';
export { enforceUsage, type EnforceRouteOptions } from './fastify-enforce.js';
export { TenureApiError, UsageRefusedError, type RefusalCode } from './errors.js';
export type { Decision, Metric, MetricUsage, PlanLimits, TenantStatus, TenantUsage, UsageOptions } from './types.js';
