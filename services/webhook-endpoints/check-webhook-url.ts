import { lookup } from 'node:dns/promises';
import { isIpLiteral } from '../../domain/webhooks/address-ranges.js';
import { forbiddenAddress, urlFormProblem, type WebhookUrlPolicy } from '../../domain/webhooks/url-rules.js';
import { TenureError } from '../../domain/errors.js';
import type { Config } from '../../config/config.js';

// Where a webhook may point: checked when an endpoint is created or its URL changes, and again at
// every delivery (sendWebhook checks the address it connects to), because DNS can change.

export type ResolveHost = (host: string) => Promise<string[]>;

/** Every address the system resolver gives for `host`. */
export const resolveHost: ResolveHost = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** The URL policy of this deployment: NODE_ENV and WEBHOOK_ALLOWED_HOSTS. */
export const urlPolicyOf = (config: Pick<Config, 'env' | 'webhooks'>): WebhookUrlPolicy => ({ env: config.env, allowedHosts: config.webhooks.allowedHosts });

/** Throws VALIDATION_FAILED for a malformed URL and WEBHOOK_URL_FORBIDDEN for one that may not be reached. */
export async function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy, resolve: ResolveHost = resolveHost): Promise<URL> {
  let url: URL;
  try { url = new URL(raw); } catch { throw new TenureError('VALIDATION_FAILED', 'url must be an absolute URL', { field: 'url' }); }
  const problem = urlFormProblem(raw, policy);
  if (problem) throw new TenureError('WEBHOOK_URL_FORBIDDEN', `url refused: ${problem}`, { field: 'url' });
  const host = url.hostname;
  let addresses: string[];
  try {
    addresses = isIpLiteral(host) ? [host.replace(/^\[(.*)\]$/, '$1')] : await resolve(host);
  } catch {
    throw new TenureError('VALIDATION_FAILED', `url refused: the host ${host} does not resolve`, { field: 'url' });
  }
  const forbidden = forbiddenAddress(host, addresses, policy);
  if (forbidden) throw new TenureError('WEBHOOK_URL_FORBIDDEN', `url refused: ${host} resolves to a ${forbidden.class} address (allow it with WEBHOOK_ALLOWED_HOSTS)`, { field: 'url', class: forbidden.class });
  return url;
}
