// The rules a webhook URL must meet before anything resolves it: scheme by environment, no
// credentials, a host. Where it may point (address ranges) is address-ranges.ts.
import { classifyAddress, type AddressClass } from './address-ranges.js';

export interface WebhookUrlPolicy {
  env: 'development' | 'test' | 'production';
  /** Hosts (names or IP literals) allowed whatever they resolve to: WEBHOOK_ALLOWED_HOSTS. */
  allowedHosts: string[];
}

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Lower-cased host without brackets, as it is matched against WEBHOOK_ALLOWED_HOSTS. */
export const normalizeHost = (host: string): string => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');

/** True when the policy lets `host` through whatever it resolves to (loopback in development and test). */
export function hostAllowed(host: string, policy: WebhookUrlPolicy): boolean {
  const h = normalizeHost(host);
  if (policy.allowedHosts.map(normalizeHost).includes(h)) return true;
  return policy.env !== 'production' && LOCAL_NAMES.has(h);
}

/** Why the URL's form is refused (scheme, credentials, host), or null when it is acceptable. */
export function urlFormProblem(raw: string, policy: WebhookUrlPolicy): string | null {
  let url: URL;
  try { url = new URL(raw); } catch { return 'not an absolute URL'; }
  if (url.username !== '' || url.password !== '') return 'credentials in the URL are not allowed';
  if (url.hash !== '') return 'a fragment is not allowed';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && policy.env !== 'production' && hostAllowed(url.hostname, policy)) return null;
  return policy.env === 'production' ? 'only https URLs are allowed' : 'only https URLs, or http to localhost or an allowed host, are allowed';
}

/** The classes a resolved address may not be in (unless its host is allowed). */
export const FORBIDDEN_CLASSES: readonly AddressClass[] = ['loopback', 'private', 'link-local', 'reserved'];

/** The first resolved address that is forbidden for `host`, or null when all may be reached. */
export function forbiddenAddress(host: string, addresses: string[], policy: WebhookUrlPolicy): { address: string; class: AddressClass } | null {
  if (hostAllowed(host, policy)) return null;
  for (const address of addresses) {
    const cls = classifyAddress(address);
    if (FORBIDDEN_CLASSES.includes(cls)) return { address, class: cls };
  }
  return null;
}
