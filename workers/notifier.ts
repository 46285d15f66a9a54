// Entry point of the notifier (`npm run notifier`): emails tenants about the billing events they
// should hear about (docs/notifications.md), through SMTP_URL. Without SMTP_URL it sends nothing.
// On SIGTERM it lets the event in hand finish, leaves its group, closes its clients and exits 0.
import { createKafka, createSmtpTransport, describeSmtpUrl } from '../config/clients.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { exitStopped, shutdownSignal } from '../config/shutdown.js';
import { createNotifierMetrics } from '../config/metrics.js';
import { createDb } from '../db/client.js';
import { createMailer } from '../services/notifications/mailer.js';
import { createNotificationStore } from '../services/notifications/notification-store.js';
import { createNotifier } from './notifier-core.js';
import { serveRegistry } from './worker-metrics.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'tenure-notifier' });
  const signalled = shutdownSignal({ log, graceMs: config.shutdown.graceMs });
  const { smtpUrl, from, groupId } = config.notifications;
  if (smtpUrl === null) {
    log.info('notifications are off: SMTP_URL is unset or empty, so the notifier sends nothing and exits');
    return;
  }
  const { db, close: closeDb } = createDb({ ...config.db, poolSize: Math.min(config.db.poolSize, 4) });
  const transport = createSmtpTransport(smtpUrl);
  const kafka = createKafka(config, log);
  const metrics = createNotifierMetrics();
  const endpoint = await serveRegistry(metrics.registry, { host: config.workerMetrics.host, port: config.workerMetrics.notifierPort, log, name: 'notifier' });
  const notifier = createNotifier({
    kafka, topic: config.kafka.billingTopic, groupId, log, metrics,
    notify: { store: createNotificationStore(db), mailer: createMailer(transport), from, publicUrl: config.http.publicUrl, log },
  });
  log.info({ smtp: describeSmtpUrl(smtpUrl), from, topic: config.kafka.billingTopic, groupId }, 'notifier starting');
  await notifier.start();
  const signal = await signalled;
  log.info({ signal, ...notifier.stats }, 'notifier stopping');
  await notifier.stop();
  transport.close();
  await Promise.allSettled([closeDb(), endpoint.close()]);
  exitStopped(log, 'notifier stopped', { ...notifier.stats });
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `tenure-notifier failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
