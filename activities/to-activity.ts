import { ApplicationFailure } from '@temporalio/activity';
import { TenureError, toFailure } from '../domain/errors.js';

/**
 * Wraps a service call as an activity: a TenureError leaves as an ApplicationFailure whose type is
 * its code and whose retryability is the code's (domain/errors.ts); any other error is retried.
 */
export function toActivity<Args extends unknown[], Result>(run: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await run(...args);
    } catch (err) {
      if (err instanceof TenureError) throw ApplicationFailure.create(toFailure(err));
      throw err;
    }
  };
}
