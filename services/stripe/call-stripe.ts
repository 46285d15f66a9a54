import Stripe from 'stripe';
import type { Logger } from '../../config/logger.js';
import { TenureError } from '../../domain/errors.js';

// The one place Stripe's errors enter Tenure's error model. Every Stripe call goes through callStripe:
// - a connection failure or Stripe's rate limit is a retryable DEPENDENCY_UNAVAILABLE (503, Retry-After);
// - anything else Stripe answers is STRIPE_ERROR (502), unless the caller maps "no such object" itself.
// Stripe's own message and request id go to the error log only, never into the answer: it can name
// keys, customers or objects of other tenants.

export type StripeLog = Pick<Logger, 'error'>;

export interface CallStripeOptions {
  /** The error to answer when Stripe says the object does not exist (resource_missing, 404). */
  missing?: () => TenureError;
  /**
   * The error to answer when Stripe refuses what the caller sent (an invalid_request_error, 400), for a
   * call whose parameters are the customer's own input (a tax id): the customer's to fix, not ours.
   */
  invalid?: (stripeCode: string | null) => TenureError;
}

const isMissing = (err: InstanceType<typeof Stripe.errors.StripeError>) => err.code === 'resource_missing' || err.statusCode === 404;

/** Runs one Stripe call; its failure comes back as a TenureError (non-Stripe errors pass unchanged). */
export async function callStripe<T>(log: StripeLog, what: string, call: () => Promise<T>, opts: CallStripeOptions = {}): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toStripeFailure(log, what, err, opts);
  }
}

/** Maps one error thrown by the Stripe client (see callStripe). */
export function toStripeFailure(log: StripeLog, what: string, err: unknown, opts: CallStripeOptions = {}): unknown {
  if (!(err instanceof Stripe.errors.StripeError)) return err;
  if (opts.missing && isMissing(err)) return opts.missing();
  if (opts.invalid && err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 400) return opts.invalid(err.code ?? null);
  const fields = { stripe: { type: err.type, code: err.code ?? null, status: err.statusCode ?? null, requestId: err.requestId ?? null, message: err.message }, call: what };
  if (err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeRateLimitError) {
    log.error(fields, 'Stripe is unavailable');
    return new TenureError('DEPENDENCY_UNAVAILABLE', 'the payment provider is unavailable; retry shortly');
  }
  log.error(fields, 'Stripe refused a call');
  // A card decline is the customer's to know (and to fix); every other refusal is ours.
  const decline = err instanceof Stripe.errors.StripeCardError ? { declineCode: err.decline_code ?? err.code ?? null } : undefined;
  return new TenureError('STRIPE_ERROR', `the payment provider refused to ${what}`, decline);
}
