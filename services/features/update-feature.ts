import { updateFeatureRecord, type FeatureRecord } from '../../db/queries/features.js';
import { applyFeatureUpdate, validateFeatureUpdate, type UpdateFeatureInput } from '../../domain/entitlements/features.js';
import { featureNotFound, getFeature } from './get-feature.js';
import type { FeatureWriteDeps } from './feature-deps.js';

/** Changes a feature's name, unit or description; a kind other than the stored one is VALIDATION_FAILED (it never changes). */
export async function updateFeature(deps: FeatureWriteDeps, key: string, patch: UpdateFeatureInput): Promise<FeatureRecord> {
  const { createdAt: _c, updatedAt: _u, ...existing } = await getFeature(deps, key);
  const problem = validateFeatureUpdate(existing, patch);
  if (problem) throw problem;
  const updated = await updateFeatureRecord(deps.db, applyFeatureUpdate(existing, patch));
  if (!updated) throw featureNotFound(key);
  deps.features.invalidate();
  return updated;
}
