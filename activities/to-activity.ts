import { ApplicationFailure, Context } from '@temporalio/activity';
import { rejectedByPostgres } from '../db/errors.js';
import { TenureError, toFailure } from '../domain/errors.js';

/**
 * How many attempts a write Postgres rejects gets before it fails for good: a constraint violation
 * can be a race that the next attempt does not meet; three in a row are not.
 */
export const REJECTED_WRITE_ATTEMPTS = 3;

/** The attempt of the running activity (1 outside one, as in a direct call). */
function attempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

/**
 * Wraps a service call as an activity: a TenureError leaves as an ApplicationFailure whose type is
 * its code and whose retryability is the code's (domain/errors.ts). A write Postgres rejects
 * (DATA_REJECTED) is retried REJECTED_WRITE_ATTEMPTS times, then fails for good; any other error
 * (an outage) is retried for as long as it lasts.
 */
export function toActivity<Args extends unknown[], Result>(run: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await run(...args);
    } catch (err) {
      if (err instanceof TenureError) throw ApplicationFailure.create(toFailure(err));
      const rejected = rejectedByPostgres(err);
      if (rejected) throw ApplicationFailure.create({ ...toFailure(rejected), nonRetryable: attempt() >= REJECTED_WRITE_ATTEMPTS });
      throw err;
    }
  };
}
