// Stripe idempotency keys for the lifecycle workflow's own calls. A key names the workflow, the step,
// the state version the change applies to, and a digest of what the call asks for: a retry of the same
// request reuses the key (Stripe answers it once), while another request at the same version (another
// target plan after a failed attempt) gets its own key instead of Stripe's idempotency_error.

/** A short deterministic digest (cyrb53, hex) of the request's content; no crypto, so workflows may use it. */
export function contentDigest(parts: readonly (string | number | boolean | null | undefined)[]): string {
  const text = parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('\u001f');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** `<workflowId>:<step>:v<version>:<digest of content>`: the key one Stripe request of a step carries. */
export function stripeIdempotencyKey(workflowId: string, step: string, version: number, content: readonly (string | number | boolean | null | undefined)[]): string {
  return `${workflowId}:${step}:v${version}:${contentDigest(content)}`;
}
