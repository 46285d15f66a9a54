import { ApplicationFailure } from '@temporalio/activity';
import Stripe from 'stripe';

/**
 * Runs a Stripe call, turning Stripe's business refusals (invalid request, card declined, permission)
 * into non-retryable STRIPE_ERROR failures; network, rate-limit and 5xx errors are rethrown for retry.
 */
export async function stripeCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeInvalidRequestError || err instanceof Stripe.errors.StripeCardError || err instanceof Stripe.errors.StripePermissionError || err instanceof Stripe.errors.StripeAuthenticationError) {
      throw ApplicationFailure.create({ type: 'STRIPE_ERROR', message: `Stripe refused to ${what}: ${err.message}`, nonRetryable: true, details: [{ stripeCode: err.code ?? null, requestId: err.requestId ?? null }] });
    }
    throw err;
  }
}
