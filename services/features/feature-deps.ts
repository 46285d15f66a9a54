import type { ServiceDeps } from '../deps.js';
import type { FeatureCatalogCache } from './feature-catalog.js';

/** What the catalog's write use cases need: the database, and this process's catalog copy to drop after a write. */
export type FeatureWriteDeps = Pick<ServiceDeps, 'db'> & { features: Pick<FeatureCatalogCache, 'invalidate'> };
