import type { Feature } from '../../domain/entitlements/features.js';

/** What a use case needs of the feature catalog: the current features (the catalog service caches them). */
export interface CatalogReader {
  list(): Promise<readonly Feature[]>;
}
