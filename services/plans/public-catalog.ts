import { listVisiblePlans } from './plan-catalog.js';
import { readTenantUsage } from '../usage/read-tenant-usage.js';
import { comparePlans } from '../../domain/plans/comparison.js';
import { defaultRecommendation, recommendForUsage, type UsageByMetric } from '../../domain/plans/recommendation.js';
import type { ServiceDeps } from '../deps.js';

/**
 * The GET /plans answer: the plans the caller may see (public ones, plus the tenant's own enterprise
 * plans when tenantId is given), compared side by side, with a recommendation from the tenant's usage.
 */
export async function publicCatalog(deps: Pick<ServiceDeps, 'db' | 'redis' | 'features'>, tenantId: string | null) {
  const [plans, catalog] = await Promise.all([listVisiblePlans(deps, tenantId), deps.features.list()]);
  const usage: UsageByMetric | null = tenantId === null ? null : await readTenantUsage(deps.redis, tenantId, catalog);
  const recommendation = usage ? recommendForUsage(plans, usage) : defaultRecommendation(plans);
  return {
    plans,
    comparison: comparePlans(plans, catalog),
    recommendation: recommendation ? { ...recommendation, usage } : null,
  };
}
