// Bounds shared by every validator: the largest limit, the longest admin duration, the last storable instant.

/** The longest trial extension or admin lock one action may ask for. */
export const MAX_ADMIN_DURATION_MS = 365 * 86_400_000;
/** The last instant a deadline may fall on: the projection stores ISO timestamps, and year 10000 has none. */
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** The largest limit a plan or an override may set. */
export const MAX_LIMIT = 2_147_483_647;
