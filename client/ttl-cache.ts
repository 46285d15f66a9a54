// A small in-process cache of Tenure's answers, so a hot route does not ask Tenure on every request.
// It holds the pending promise too, so concurrent callers share one request; a failed request is not
// kept. The price: a change made in Tenure takes up to `ttlMs` to show.

export interface TtlCache<T> {
  /** The cached value for `key`, or the one `load` fetches (then kept for ttlMs). */
  get(key: string, load: () => Promise<T>): Promise<T>;
  /** Forgets one entry. */
  delete(key: string): void;
  /** Forgets every entry whose key starts with `prefix` (all of them without one). */
  clear(prefix?: string): void;
}

/** Oldest entries are dropped past this many, so a process serving many tenants stays bounded. */
export const CACHE_MAX_ENTRIES = 10_000;

/** Creates a cache; a ttlMs of 0 (or less) turns it off: every get loads. */
export function createTtlCache<T>(ttlMs: number, maxEntries = CACHE_MAX_ENTRIES): TtlCache<T> {
  const entries = new Map<string, { expiresAt: number; value: Promise<T> }>();

  function remember(key: string, value: Promise<T>): void {
    entries.delete(key);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, { expiresAt: Date.now() + ttlMs, value });
    value.catch(() => { if (entries.get(key)?.value === value) entries.delete(key); });
  }

  return {
    get(key, load) {
      if (ttlMs <= 0) return load();
      const hit = entries.get(key);
      if (hit && hit.expiresAt > Date.now()) return hit.value;
      const value = load();
      remember(key, value);
      return value;
    },
    delete(key) {
      entries.delete(key);
    },
    clear(prefix) {
      if (prefix === undefined) { entries.clear(); return; }
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
