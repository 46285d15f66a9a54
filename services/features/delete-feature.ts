import { deleteFeatureRecord, findFeatureUsers, lockFeatureForDelete } from '../../db/queries/features.js';
import { TenureError } from '../../domain/errors.js';
import { featureNotFound } from './get-feature.js';
import type { FeatureWriteDeps } from './feature-deps.js';

/** How many plan and tenant ids a FEATURE_IN_USE refusal lists (the counts are always whole). */
const USERS_LISTED = 100;

/**
 * Removes a feature from the catalog; FEATURE_IN_USE while a plan's entitlements or a tenant's
 * override names it. The feature stays locked for update from the check to the delete, so a plan
 * write naming it (which locks it for share) cannot slip in between; an override's foreign key
 * waits on the same lock.
 */
export async function deleteFeature(deps: FeatureWriteDeps, key: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await lockFeatureForDelete(tx, key))) throw featureNotFound(key);
    const users = await findFeatureUsers(tx, key, USERS_LISTED);
    if (users.planCount > 0 || users.tenantCount > 0) {
      throw new TenureError('FEATURE_IN_USE', `feature '${key}' is still named by ${users.planCount} plan(s) and ${users.tenantCount} tenant override(s)`, { feature: key, ...users });
    }
    await deleteFeatureRecord(tx, key);
  });
  deps.features.invalidate();
}
