import { listFeatureRecords, type FeatureRecord } from '../../db/queries/features.js';
import type { ServiceDeps } from '../deps.js';

/** Every feature of the catalog, by key, read from the database (an admin sees every write at once). */
export async function listFeatures(deps: Pick<ServiceDeps, 'db'>): Promise<FeatureRecord[]> {
  return listFeatureRecords(deps.db);
}
