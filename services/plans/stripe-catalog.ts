import Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import type { FetchedProduct, UnlistedProductState } from '../../domain/plans/stripe-reconcile.js';

// Reads of the Stripe catalog a plan sync needs. The sync takes this interface, so it can run
// against real Stripe (or stripe-mock) and, in tests, against a catalog of realistic fixtures.

export interface StripeCatalogSource {
  /** Every active product with its active recurring prices. */
  activeProducts(): Promise<FetchedProduct[]>;
  /** What Stripe says about a product missing from the active listing. */
  productState(productId: string): Promise<UnlistedProductState>;
}

const PAGE = 100;
const MAX_PRODUCTS = 10_000;
const MAX_PRICES_PER_PRODUCT = 1_000;

// Stripe's failures become STRIPE_ERROR (502, retryable): the API reports them as such, Temporal retries them.
async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) throw new TenureError('STRIPE_ERROR', `Stripe failed to ${what}: ${err.message}`, { stripeType: err.type, stripeCode: err.code ?? null });
    throw err;
  }
}

/** The StripeCatalogSource over the official client: auto-paginated lists, one price listing per product. */
export function stripeCatalogSource(stripe: Stripe): StripeCatalogSource {
  return {
    async activeProducts() {
      const products = await callStripe('list products', () => stripe.products.list({ active: true, limit: PAGE }).autoPagingToArray({ limit: MAX_PRODUCTS }));
      const fetched: FetchedProduct[] = [];
      for (const product of products) {
        const prices = await callStripe(`list the prices of ${product.id}`, () => stripe.prices.list({ product: product.id, active: true, type: 'recurring', limit: PAGE }).autoPagingToArray({ limit: MAX_PRICES_PER_PRODUCT }));
        fetched.push({ product, prices });
      }
      return fetched;
    },
    async productState(productId) {
      try {
        const product = await stripe.products.retrieve(productId);
        return product.active ? 'active' : 'archived';
      } catch (err) {
        if (err instanceof Stripe.errors.StripeError && err.statusCode === 404) return 'deleted';
        return callStripe(`retrieve ${productId}`, () => Promise.reject(err));
      }
    },
  };
}
