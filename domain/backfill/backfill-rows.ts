// The rows of a backfill file (`tenure backfill <file>`): CSV with a header line, or a JSON array of
// objects, with the columns below. Each row is checked on its own: a bad one is reported with its
// line (CSV) or item number (JSON) and the reason, and the others go on.
import { EMAIL_PATTERN } from '../lifecycle/contact.js';
import { PLAN_ID_PATTERN, TENANT_ID_PATTERN } from '../plans/rules.js';
import { isUnstorableText } from '../text.js';
import { parseCsv } from './csv.js';

export const BACKFILL_COLUMNS = ['tenantId', 'name', 'email', 'planId', 'stripeCustomerId', 'stripeSubscriptionId', 'trialEndsAt', 'createdAt'] as const;
const REQUIRED: readonly Column[] = ['tenantId', 'name', 'email', 'planId'];
type Column = (typeof BACKFILL_COLUMNS)[number];

/** One tenant to start, as the other system holds it. Times are ms since the epoch. */
export interface BackfillRow {
  tenantId: string;
  name: string;
  email: string;
  planId: string;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  trialEndsAt: number | null;
  createdAt: number | null;
}

/** Where a row is in the file: `line 3` (CSV) or `item 3` (JSON). */
export type RowRef = string;
export type ParsedRow = { ref: RowRef; ok: true; row: BackfillRow } | { ref: RowRef; ok: false; tenantId: string | null; reason: string };
/** The file's rows, or why the file as a whole cannot be read (no header, not a JSON array...). */
export type BackfillFile = { ok: true; rows: ParsedRow[] } | { ok: false; reason: string };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const ID_PATTERNS: Partial<Record<Column, { pattern: RegExp; what: string }>> = {
  tenantId: { pattern: new RegExp(TENANT_ID_PATTERN), what: `a tenant id (${TENANT_ID_PATTERN})` },
  planId: { pattern: new RegExp(PLAN_ID_PATTERN), what: `a plan id (${PLAN_ID_PATTERN})` },
  email: { pattern: new RegExp(EMAIL_PATTERN), what: 'an email address' },
  stripeCustomerId: { pattern: /^cus_[A-Za-z0-9_]{1,250}$/, what: 'a Stripe customer id (cus_...)' },
  stripeSubscriptionId: { pattern: /^sub_[A-Za-z0-9_]{1,250}$/, what: 'a Stripe subscription id (sub_...)' },
};
const MAX_LENGTH: Record<Column, number> = { tenantId: 64, name: 200, email: 320, planId: 64, stripeCustomerId: 255, stripeSubscriptionId: 255, trialEndsAt: 40, createdAt: 40 };

class RowError extends Error {}

function text(fields: Partial<Record<Column, string>>, column: Column): string | null {
  const value = fields[column]?.trim() ?? '';
  if (value === '') {
    if (REQUIRED.includes(column)) throw new RowError(`${column} is required`);
    return null;
  }
  if (value.length > MAX_LENGTH[column]) throw new RowError(`${column} is longer than ${MAX_LENGTH[column]} characters`);
  if (isUnstorableText(value)) throw new RowError(`${column} holds a character that cannot be stored (U+0000 or a lone surrogate)`);
  const id = ID_PATTERNS[column];
  if (id && !id.pattern.test(value)) throw new RowError(`${column} '${value}' is not ${id.what}`);
  return value;
}

function time(fields: Partial<Record<Column, string>>, column: 'trialEndsAt' | 'createdAt'): number | null {
  const value = text(fields, column);
  if (value === null) return null;
  const ms = ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new RowError(`${column} '${value}' is not an ISO 8601 time (2025-01-31 or 2025-01-31T12:00:00Z)`);
  return ms;
}

/** Checks one row's fields (strings, as read from the file); `now` bounds createdAt. */
export function toBackfillRow(fields: Partial<Record<Column, string>>, now: number): BackfillRow {
  const createdAt = time(fields, 'createdAt');
  if (createdAt !== null && createdAt > now) throw new RowError('createdAt is in the future');
  const trialEndsAt = time(fields, 'trialEndsAt');
  if (trialEndsAt !== null && createdAt !== null && trialEndsAt < createdAt) throw new RowError('trialEndsAt is before createdAt');
  return {
    tenantId: text(fields, 'tenantId')!, name: text(fields, 'name')!, email: text(fields, 'email')!, planId: text(fields, 'planId')!,
    stripeCustomerId: text(fields, 'stripeCustomerId'), stripeSubscriptionId: text(fields, 'stripeSubscriptionId'), trialEndsAt, createdAt,
  };
}

function checkRow(ref: RowRef, fields: Partial<Record<Column, string>>, now: number): ParsedRow {
  const tenantId = fields.tenantId?.trim() || null;
  try {
    return { ref, ok: true, row: toBackfillRow(fields, now) };
  } catch (err) {
    if (!(err instanceof RowError)) throw err;
    return { ref, ok: false, tenantId, reason: err.message };
  }
}

/** The second row naming a tenant already named is refused: which one wins would be a guess. */
function refuseDuplicates(rows: ParsedRow[]): ParsedRow[] {
  const first = new Map<string, RowRef>();
  return rows.map((r) => {
    if (!r.ok) return r;
    const earlier = first.get(r.row.tenantId);
    if (earlier === undefined) { first.set(r.row.tenantId, r.ref); return r; }
    return { ref: r.ref, ok: false, tenantId: r.row.tenantId, reason: `tenant ${r.row.tenantId} is already in ${earlier}` };
  });
}

function csvRows(content: string, now: number): BackfillFile {
  const { records, errors } = parseCsv(content);
  const [header, ...data] = records;
  if (!header || (errors[0] && errors[0].line < header.line)) return { ok: false, reason: 'the CSV has no readable header line (tenantId,name,email,planId,...)' };
  const columns = header.fields.map((f) => f.trim());
  const unknown = columns.filter((c) => !(BACKFILL_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) return { ok: false, reason: `unknown column(s) ${unknown.join(', ')}; the columns are ${BACKFILL_COLUMNS.join(', ')}` };
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) return { ok: false, reason: `the header lacks the column(s) ${missing.join(', ')}` };
  if (new Set(columns).size !== columns.length) return { ok: false, reason: 'the header names a column twice' };
  const rows: { line: number; row: ParsedRow }[] = errors.map((e) => ({ line: e.line, row: { ref: `line ${e.line}`, ok: false, tenantId: null, reason: `malformed CSV: ${e.reason}` } }));
  for (const r of data) {
    const ref = `line ${r.line}`;
    const row: ParsedRow = r.fields.length === columns.length
      ? checkRow(ref, Object.fromEntries(columns.map((c, i) => [c, r.fields[i]!])), now)
      : { ref, ok: false, tenantId: null, reason: `malformed CSV: ${r.fields.length} field(s), the header has ${columns.length}` };
    rows.push({ line: r.line, row });
  }
  return { ok: true, rows: refuseDuplicates(rows.sort((a, b) => a.line - b.line).map((r) => r.row)) };
}

function jsonItem(ref: RowRef, item: unknown, now: number): ParsedRow {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return { ref, ok: false, tenantId: null, reason: 'not an object' };
  const entries = Object.entries(item as Record<string, unknown>);
  const tenantId = typeof (item as { tenantId?: unknown }).tenantId === 'string' ? (item as { tenantId: string }).tenantId : null;
  const unknown = entries.filter(([k]) => !(BACKFILL_COLUMNS as readonly string[]).includes(k)).map(([k]) => k);
  if (unknown.length > 0) return { ref, ok: false, tenantId, reason: `unknown field(s) ${unknown.join(', ')}` };
  const notText = entries.find(([, v]) => v !== null && typeof v !== 'string');
  if (notText) return { ref, ok: false, tenantId, reason: `${notText[0]} must be a string or null` };
  return checkRow(ref, Object.fromEntries(entries.filter(([, v]) => v !== null)) as Partial<Record<Column, string>>, now);
}

function jsonRows(content: string, now: number): BackfillFile {
  let items: unknown;
  try {
    items = JSON.parse(content);
  } catch (err) {
    return { ok: false, reason: `not valid JSON: ${(err as Error).message}` };
  }
  if (!Array.isArray(items)) return { ok: false, reason: 'the JSON must be an array of tenant objects' };
  return { ok: true, rows: refuseDuplicates(items.map((item, i) => jsonItem(`item ${i + 1}`, item, now))) };
}

/** Reads a backfill file: JSON when it starts with `[` (after blanks), else CSV. */
export function parseBackfillFile(content: string, now: number): BackfillFile {
  const body = content.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('[') ? jsonRows(body, now) : csvRows(body, now);
}
