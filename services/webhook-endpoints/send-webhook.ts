import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, resolveHost, type ResolveHost } from './check-webhook-url.js';
import type { WebhookUrlPolicy } from '../../domain/webhooks/url-rules.js';
import { forbiddenAddress } from '../../domain/webhooks/url-rules.js';

// One POST of a signed event to a receiver. The address is checked again where the socket connects
// (a lookup that refuses forbidden ranges), so a name that resolves elsewhere since the endpoint was
// created cannot reach the platform's own network. Redirects are not followed.

export const RESPONSE_EXCERPT_BYTES = 512;

export interface SendResult { statusCode: number | null; latencyMs: number; body: string | null; error: string | null }

export interface SendInput { url: string; headers: Record<string, string>; body: string; timeoutMs: number; policy: WebhookUrlPolicy; resolve?: ResolveHost }

/** A lookup that answers only addresses the policy allows for `host`. */
function guardedLookup(policy: WebhookUrlPolicy, resolve: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then((addresses) => {
      const forbidden = forbiddenAddress(hostname, addresses, policy);
      if (forbidden) throw new Error(`${hostname} resolves to a ${forbidden.class} address`);
      // IPv4 first: a receiver on `localhost` usually listens on 127.0.0.1 only.
      const address = [...addresses].sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')))[0];
      if (address === undefined) throw new Error(`${hostname} does not resolve`);
      const family = address.includes(':') ? 6 : 4;
      if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    }).catch((err: Error) => callback(err as NodeJS.ErrnoException, '', 4));
  };
}

/** Reads at most RESPONSE_EXCERPT_BYTES of the answer. */
function readExcerpt(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => { if (size < RESPONSE_EXCERPT_BYTES) { chunks.push(chunk); size += chunk.length; } });
    res.on('end', () => resolve(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8')));
    res.on('error', () => resolve(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8')));
  });
}

/** POSTs the body; never throws: a refusal, a timeout or a network error is in `error`. */
export async function sendWebhook(input: SendInput): Promise<SendResult> {
  const started = Date.now();
  const resolve = input.resolve ?? resolveHost;
  const done = (r: Omit<SendResult, 'latencyMs'>): SendResult => ({ ...r, latencyMs: Date.now() - started });
  let url: URL;
  try { url = await checkWebhookUrl(input.url, input.policy, resolve); } catch (err) { return done({ statusCode: null, body: null, error: (err as Error).message }); }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((settle) => {
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Tenure-Webhooks/1', ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
      lookup: guardedLookup(input.policy, resolve),
      timeout: input.timeoutMs,
    }, (res) => {
      void readExcerpt(res).then((body) => settle(done({ statusCode: res.statusCode ?? null, body, error: null })));
    });
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${input.timeoutMs} ms`)), input.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${input.timeoutMs} ms`)));
    req.on('error', (err) => settle(done({ statusCode: null, body: null, error: err.message })));
    req.end(input.body);
  });
}
