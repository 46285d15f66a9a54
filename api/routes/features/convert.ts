import type { FeatureRecord } from '../../../db/queries/features.js';

/** The admin view of a feature: every stored field, timestamps as ISO strings. */
export function toFeatureView(feature: FeatureRecord) {
  return { ...feature, createdAt: feature.createdAt.toISOString(), updatedAt: feature.updatedAt.toISOString() };
}
