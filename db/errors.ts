import { TenureError } from '../domain/errors.js';

// Postgres errors as the error model sees them. postgres.js raises a PostgresError carrying the
// SQLSTATE in `code`; drizzle may wrap it (DrizzleQueryError), so the cause chain is walked.

/** SQLSTATE classes of a refusal of the data itself: 22 data exception, 23 integrity constraint violation. */
const REJECTED_CLASSES = new Set(['22', '23']);

/** The Postgres error in err's cause chain (SQLSTATE and server message), or null. */
export function postgresErrorOf(err: unknown): { code: string; message: string; constraint?: string } | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, severity, message, constraint_name: constraint } = e as { code?: unknown; severity?: unknown; message?: unknown; constraint_name?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string') {
      return { code, message: String(message ?? ''), ...(typeof constraint === 'string' ? { constraint } : {}) };
    }
  }
  return null;
}

/** DATA_REJECTED when Postgres refused the data (a retry of the same write cannot succeed); null otherwise (an outage, a bug). */
export function rejectedByPostgres(err: unknown): TenureError | null {
  const pg = postgresErrorOf(err);
  if (!pg || !REJECTED_CLASSES.has(pg.code.slice(0, 2))) return null;
  return new TenureError('DATA_REJECTED', `Postgres rejected the write (SQLSTATE ${pg.code}): ${pg.message}`, { sqlState: pg.code, ...(pg.constraint ? { constraint: pg.constraint } : {}) });
}
