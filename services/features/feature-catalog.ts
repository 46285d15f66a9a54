import type { Feature } from '../../domain/entitlements/features.js';
import type { Db } from '../../db/client.js';
import { listCatalogFeatures } from '../../db/queries/features.js';

// Each process's copy of the feature catalog: the hot paths (consume, feature checks, plan writes)
// read it without a query. It is reloaded at most every ttlMs, at once after this process's own
// writes (invalidate), and callers that find it stale together share one load. Another process's
// write shows here after at most ttlMs (FEATURE_CATALOG_TTL).

export interface FeatureCatalogCache {
  /** Every feature, by key. */
  list(): Promise<readonly Feature[]>;
  /** One feature by key, or undefined when the catalog does not hold it. */
  get(key: string): Promise<Feature | undefined>;
  /** Drops the copy: the next read loads the catalog again (call it after a write commits). */
  invalidate(): void;
}

export interface FeatureCatalogOptions { db: Db; ttlMs: number; now?: () => number }

interface Loaded { features: readonly Feature[]; byKey: ReadonlyMap<string, Feature>; loadedAt: number }

/** The catalog cache of one process; entry points build it once and hand it to the services. */
export function createFeatureCatalog({ db, ttlMs, now = Date.now }: FeatureCatalogOptions): FeatureCatalogCache {
  let loaded: Loaded | null = null;
  let loading: Promise<Loaded> | null = null;
  // Bumped by invalidate: a load that started before it may have read the old rows, so it is not kept.
  let generation = 0;

  const load = (): Promise<Loaded> => {
    const started = generation;
    const at = now();
    const pending = listCatalogFeatures(db).then((rows) => {
      const features = Object.freeze(rows.map((f) => Object.freeze(f)));
      const fresh = { features, byKey: new Map(features.map((f) => [f.key, f])), loadedAt: at };
      if (started === generation) loaded = fresh;
      return fresh;
    }).finally(() => { if (loading === pending) loading = null; });
    loading = pending;
    return pending;
  };

  const current = (): Promise<Loaded> => {
    if (loaded && now() - loaded.loadedAt < ttlMs) return Promise.resolve(loaded);
    return loading ?? load();
  };

  return {
    list: async () => (await current()).features,
    get: async (key) => (await current()).byKey.get(key),
    invalidate: () => { generation += 1; loaded = null; loading = null; },
  };
}
