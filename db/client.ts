import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Db = PostgresJsDatabase<typeof schema>;
export interface DbHandle {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

/** Opens a pooled connection; only entry points call this. */
export function createDb(opts: { url: string; poolSize: number }): DbHandle {
  const sql = postgres(opts.url, { max: opts.poolSize, onnotice: () => {}, connect_timeout: 10 });
  return { db: drizzle(sql, { schema }), sql, close: () => sql.end({ timeout: 5 }) };
}
