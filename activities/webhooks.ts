import { Context } from '@temporalio/activity';
import type { Config } from '../config/config.js';
import { deliverWebhookEvent } from '../services/webhook-endpoints/deliver-event.js';
import { disableWebhookEndpoint } from '../services/webhook-endpoints/disable-endpoint.js';
import { nextWebhookEvents } from '../services/webhook-endpoints/next-events.js';
import { webhookReplayRange } from '../services/webhook-endpoints/replay-events.js';
import type { WebhookActivities } from '../workflows/activity-contract.js';
import type { ActivityDeps } from './deps.js';
import { toActivity } from './to-activity.js';

/** The config the webhook activities read; a worker built without it fails their calls, and says why. */
function webhookConfig(deps: ActivityDeps): Pick<Config, 'env' | 'webhooks'> {
  if (!deps.config) throw new Error('this worker was built without its config: outbound webhooks need ActivityDeps.config');
  return deps.config;
}

/** The activities of the endpoint delivery workflow (workflows/webhook-delivery.ts). */
export function webhookActivities(deps: ActivityDeps): WebhookActivities {
  return {
    nextWebhookEvents: toActivity((input) => nextWebhookEvents({ db: deps.db, config: webhookConfig(deps) }, input)),
    deliverWebhookEvent: toActivity((input) => deliverWebhookEvent({ db: deps.db, log: deps.log, config: webhookConfig(deps), failures: deps.webhookFailures }, { ...input, attempt: Context.current().info.attempt })),
    disableWebhookEndpoint: toActivity((input) => disableWebhookEndpoint(deps, input)),
    webhookReplayRange: toActivity((input) => webhookReplayRange(deps, input)),
  };
}
