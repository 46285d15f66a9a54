import { insertFeature, type FeatureRecord } from '../../db/queries/features.js';
import { validateFeature, type CreateFeatureInput } from '../../domain/entitlements/features.js';
import type { FeatureWriteDeps } from './feature-deps.js';

/** Adds a feature to the catalog: VALIDATION_FAILED for a bad key, kind or text, CONFLICT when the key exists. */
export async function createFeature(deps: FeatureWriteDeps, input: CreateFeatureInput): Promise<FeatureRecord> {
  const problem = validateFeature(input);
  if (problem) throw problem;
  const created = await insertFeature(deps.db, input);
  deps.features.invalidate();
  return created;
}
