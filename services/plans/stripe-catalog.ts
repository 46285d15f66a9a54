import type Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import { callStripe, type StripeLog } from '../stripe/call-stripe.js';
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

/** The StripeCatalogSource over the official client: auto-paginated lists, one price listing per product. */
export function stripeCatalogSource(stripe: Stripe, log: StripeLog): StripeCatalogSource {
  const call = <T>(what: string, fn: () => Promise<T>, missing?: () => TenureError) => callStripe(log, what, fn, { missing });
  return {
    async activeProducts() {
      const products = await call('list products', () => stripe.products.list({ active: true, limit: PAGE }).autoPagingToArray({ limit: MAX_PRODUCTS }));
      const fetched: FetchedProduct[] = [];
      for (const product of products) {
        const prices = await call(`list the prices of ${product.id}`, () => stripe.prices.list({ product: product.id, active: true, type: 'recurring', limit: PAGE }).autoPagingToArray({ limit: MAX_PRICES_PER_PRODUCT }));
        fetched.push({ product, prices });
      }
      return fetched;
    },
    async productState(productId) {
      const deleted = new TenureError('NOT_FOUND', `product ${productId} was deleted`);
      const product = await call(`retrieve ${productId}`, () => stripe.products.retrieve(productId), () => deleted).catch((err: unknown) => {
        if (err === deleted) return null;
        throw err;
      });
      if (!product) return 'deleted';
      return product.active ? 'active' : 'archived';
    },
  };
}
