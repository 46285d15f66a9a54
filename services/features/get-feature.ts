import { findFeatureRecord, type FeatureRecord } from '../../db/queries/features.js';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';

export const featureNotFound = (key: string) => new TenureError('NOT_FOUND', `no feature '${key}'`, { feature: key });

/** One feature by key; NOT_FOUND when the catalog does not hold it. */
export async function getFeature(deps: Pick<ServiceDeps, 'db'>, key: string): Promise<FeatureRecord> {
  const feature = await findFeatureRecord(deps.db, key);
  if (!feature) throw featureNotFound(key);
  return feature;
}
