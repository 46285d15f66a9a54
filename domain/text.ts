// Text Postgres can store: no U+0000 (text and jsonb refuse it) and no lone UTF-16 surrogate (it is
// not Unicode text; encoding it to UTF-8 would silently turn it into U+FFFD).

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');
const MAX_DEPTH = 64;

/** True when the string holds U+0000 or a lone surrogate. */
export function isUnstorableText(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** The JSON pointer of the first string (value or key) Postgres cannot store, or null when there is none. */
export function findUnstorableText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return isUnstorableText(value) ? path || '/' : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || ArrayBuffer.isView(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (isUnstorableText(key)) return at;
    const found = findUnstorableText(child, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** A copy of a JSON value with every U+0000 and lone surrogate (in values and keys) replaced by U+FFFD. */
export function toStorableText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE_ALL, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((v) => toStorableText(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorableText(k), toStorableText(v)])) as T;
}
