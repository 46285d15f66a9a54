import { findPlanRecord, type PlanRecord } from '../../db/queries/plan-catalog.js';
import { countTenantsByVersion, findArchivedVersion, findArchivedVersions } from '../../db/queries/plan-versions.js';
import { TenureError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plans/types.js';
import { versionOf, versionTerms, type PlanVersionTerms } from '../../domain/plans/versions.js';
import type { ServiceDeps } from '../deps.js';

// A plan's versions: the current one (the plans row) and the superseded ones (plan_versions).

type Deps = Pick<ServiceDeps, 'db'>;

export interface PlanVersionView extends PlanVersionTerms { current: boolean; tenants: number }

const notFound = (id: string) => new TenureError('PLAN_NOT_FOUND', `no plan '${id}'`, { planId: id });

/** One plan, active or not, with every version and how many open tenants are on each. */
export async function getPlanWithVersions(deps: Deps, id: string): Promise<PlanRecord & { versions: PlanVersionView[] }> {
  const plan = await findPlanRecord(deps.db, id);
  if (!plan) throw notFound(id);
  const [archived, counts] = await Promise.all([findArchivedVersions(deps.db, id), countTenantsByVersion(deps.db, id)]);
  const current = versionOf(plan);
  const versions = [...archived.filter((v) => versionOf(v) !== current), plan]
    .map((v) => ({ ...versionTerms(v), current: versionOf(v) === current, tenants: counts[versionOf(v)] ?? 0 }));
  return { ...plan, versions };
}

/** The plan as it was at `version` (the current row for the current version); PLAN_NOT_FOUND when there is no such version. */
export async function findPlanVersion(deps: Deps, id: string, version: number): Promise<Plan> {
  const plan = await findPlanRecord(deps.db, id);
  if (!plan) throw notFound(id);
  if (versionOf(plan) === version) {
    const { createdAt: _c, updatedAt: _u, ...current } = plan;
    return current;
  }
  const archived = await findArchivedVersion(deps.db, id, version);
  if (!archived) throw new TenureError('PLAN_NOT_FOUND', `plan '${id}' has no version ${version}`, { planId: id, version });
  return archived;
}
