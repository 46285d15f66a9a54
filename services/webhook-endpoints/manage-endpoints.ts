import { randomUUID } from 'node:crypto';
import {
  deleteWebhookEndpoint, findWebhookEndpoint, insertWebhookEndpoint, listWebhookEndpoints, updateWebhookEndpoint, type WebhookEndpointPatch, type WebhookEndpointRow,
} from '../../db/queries/webhook-endpoints.js';
import { TenureError } from '../../domain/errors.js';
import { unknownEventTypes } from '../../domain/webhooks/event-filter.js';
import type { ServiceDeps } from '../deps.js';
import { checkWebhookUrl, urlPolicyOf, type ResolveHost } from './check-webhook-url.js';
import { wakeDeliveryWorkflow } from './delivery-workflows.js';
import { toWebhookEndpoint, type WebhookEndpoint } from './endpoint-view.js';
import { newSigningSecret, sealSecret } from './secret-box.js';

// The operator's use cases for webhook endpoints (POST/GET/PATCH/DELETE /admin/webhook-endpoints).
// A signing secret leaves only in the answer of create and rotate; it is stored encrypted.

export type EndpointDeps = Pick<ServiceDeps, 'db' | 'config' | 'temporal' | 'log'> & { resolve?: ResolveHost };

export interface CreateEndpointInput { url: string; events: string[]; description?: string | null }
export interface UpdateEndpointInput { url?: string; events?: string[]; enabled?: boolean; description?: string | null }
export type EndpointWithSecret = WebhookEndpoint & { secret: string };

/** How long the secret before a rotation keeps signing. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3_600_000;

function checkEvents(events: string[]): void {
  const unknown = unknownEventTypes(events);
  if (unknown.length > 0) throw new TenureError('VALIDATION_FAILED', `unknown event types: ${unknown.join(', ')}`, { field: 'events', unknown });
}

async function mustFind(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<WebhookEndpointRow> {
  const row = await findWebhookEndpoint(deps.db, id);
  if (!row) throw new TenureError('NOT_FOUND', `webhook endpoint ${id} not found`);
  return row;
}

/** Starts or wakes the endpoint's workflow; Temporal being down is logged, the worker starts it later. */
async function wake(deps: EndpointDeps, id: string): Promise<void> {
  try { await wakeDeliveryWorkflow(deps, id); } catch (err) { deps.log.warn({ err, endpointId: id }, 'webhook delivery workflow not started yet; the worker will start it'); }
}

export async function createEndpoint(deps: EndpointDeps, input: CreateEndpointInput): Promise<EndpointWithSecret> {
  checkEvents(input.events);
  await checkWebhookUrl(input.url, urlPolicyOf(deps.config), deps.resolve);
  const secret = newSigningSecret();
  const row = await insertWebhookEndpoint(deps.db, {
    id: `we_${randomUUID().replace(/-/g, '')}`, url: input.url, events: [...new Set(input.events)], description: input.description ?? null,
    secret: sealSecret(secret, deps.config.webhooks.secretsKey),
  });
  deps.log.info({ endpointId: row.id, events: row.events }, 'webhook endpoint created');
  await wake(deps, row.id);
  return { ...toWebhookEndpoint(row), secret };
}

export async function listEndpoints(deps: Pick<ServiceDeps, 'db'>): Promise<WebhookEndpoint[]> {
  return (await listWebhookEndpoints(deps.db)).map((r) => toWebhookEndpoint(r));
}

export async function getEndpoint(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<WebhookEndpoint> {
  return toWebhookEndpoint(await mustFind(deps, id));
}

export async function updateEndpoint(deps: EndpointDeps, id: string, input: UpdateEndpointInput): Promise<WebhookEndpoint> {
  const current = await mustFind(deps, id);
  if (input.events) checkEvents(input.events);
  if (input.url !== undefined) await checkWebhookUrl(input.url, urlPolicyOf(deps.config), deps.resolve);
  const patch: WebhookEndpointPatch = {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.events ? { events: [...new Set(input.events)] } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.enabled === true ? { enabled: true, disabledReason: null, disabledAt: null } : {}),
    ...(input.enabled === false && current.enabled ? { enabled: false, disabledReason: 'admin', disabledAt: new Date() } : {}),
  };
  const row = (await updateWebhookEndpoint(deps.db, id, patch))!;
  // Enabled (again): its workflow resumes from the cursor, at the event it could not deliver.
  if (row.enabled) await wake(deps, id);
  return toWebhookEndpoint(row);
}

export async function removeEndpoint(deps: Pick<ServiceDeps, 'db' | 'log'>, id: string): Promise<void> {
  if (!(await deleteWebhookEndpoint(deps.db, id))) throw new TenureError('NOT_FOUND', `webhook endpoint ${id} not found`);
  deps.log.info({ endpointId: id }, 'webhook endpoint deleted');
}

/** A new secret; the current one keeps signing, as a second signature, for PREVIOUS_SECRET_TTL_MS. */
export async function rotateSecret(deps: Pick<ServiceDeps, 'db' | 'config' | 'log'>, id: string): Promise<EndpointWithSecret> {
  const current = await mustFind(deps, id);
  const secret = newSigningSecret();
  const row = (await updateWebhookEndpoint(deps.db, id, {
    secret: sealSecret(secret, deps.config.webhooks.secretsKey), previousSecret: current.secret, previousSecretUntil: new Date(Date.now() + PREVIOUS_SECRET_TTL_MS),
  }))!;
  deps.log.info({ endpointId: id }, 'webhook endpoint secret rotated');
  return { ...toWebhookEndpoint(row), secret };
}
