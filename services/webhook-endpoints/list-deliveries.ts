import { listWebhookDeliveries } from '../../db/queries/webhook-deliveries.js';
import { findWebhookEndpoint } from '../../db/queries/webhook-endpoints.js';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';

// GET /admin/webhook-endpoints/:id/deliveries: every attempt, newest first.

export interface WebhookDeliveryView {
  id: number; eventId: string; eventType: string; attempt: number; statusCode: number | null; latencyMs: number;
  response: string | null; error: string | null; delivered: boolean; replay: boolean; at: string;
}

export async function listDeliveries(deps: Pick<ServiceDeps, 'db'>, endpointId: string, page: { limit: number; offset: number }): Promise<{ deliveries: WebhookDeliveryView[]; total: number }> {
  if (!(await findWebhookEndpoint(deps.db, endpointId))) throw new TenureError('NOT_FOUND', `webhook endpoint ${endpointId} not found`);
  const { rows, total } = await listWebhookDeliveries(deps.db, endpointId, page);
  return {
    total,
    deliveries: rows.map((r) => ({
      id: r.id, eventId: r.eventId, eventType: r.eventType, attempt: r.attempt, statusCode: r.statusCode, latencyMs: r.latencyMs,
      response: r.responseBody, error: r.error, delivered: r.delivered, replay: r.replay, at: r.createdAt.toISOString(),
    })),
  };
}
