// What erasing a closed account removes: personal values (names, emails, phone numbers, addresses, tax ids)
// wherever they sit in a JSON payload, while ids, amounts, statuses and times stay. Pure.

/** Keys whose value is personal data; the value becomes null (the key stays, so payload shapes hold). */
export const PERSONAL_KEYS: readonly string[] = [
  'name', 'email', 'phone', 'address', 'shipping', 'taxId',
  'contactName', 'contactEmail', 'contactPhone', 'customerName', 'customerEmail',
  'billingName', 'billingEmail', 'billingPhone', 'billingAddress', 'billingContact',
  // A hosted invoice page shows the customer's name and address to whoever holds the link.
  'hostedInvoiceUrl',
  // The same in Stripe's own objects (the raw webhook payloads Tenure keeps).
  'customer_name', 'customer_email', 'customer_phone', 'customer_address', 'customer_shipping', 'customer_tax_ids',
  'billing_details', 'hosted_invoice_url', 'receipt_email', 'tax_ids',
];

/** Subtrees that describe the catalog, not a person: a plan snapshot's `name` is the plan's name. */
const CATALOG_KEYS: ReadonlySet<string> = new Set(['plan', 'freePlan', 'trialPlan', 'config', 'entitlements', 'overrides']);

const PERSONAL: ReadonlySet<string> = new Set(PERSONAL_KEYS);

export interface Redacted<T> { value: T; removed: number; fields: string[] }

/** The payload with every personal value set to null, how many were removed, and under which keys. */
export function redactPersonalData<T>(payload: T): Redacted<T> {
  const fields = new Set<string>();
  let removed = 0;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (PERSONAL.has(key) && v !== null && v !== undefined) {
        out[key] = null;
        removed++;
        fields.add(key);
      } else {
        out[key] = CATALOG_KEYS.has(key) ? v : walk(v);
      }
    }
    return out;
  };
  const value = walk(payload) as T;
  return { value, removed, fields: [...fields].sort() };
}
