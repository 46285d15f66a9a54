import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import nodemailer from 'nodemailer';
import Stripe from 'stripe';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

// Client factories. Only entry points (api/server.ts, workers/*, cli/*) call them; everything else
// receives the clients it needs.

export function createRedis(config: Config, opts: { lazy?: boolean } = {}): Redis {
  return new Redis(config.redis.url, { keyPrefix: config.redis.keyPrefix, maxRetriesPerRequest: 2, enableAutoPipelining: true, lazyConnect: opts.lazy ?? false });
}

export function createStripe(config: Config): Stripe {
  const base = config.stripe.apiBase ? new URL(config.stripe.apiBase) : null;
  return new Stripe(config.stripe.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base ? { host: base.hostname, port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
}

export function createKafka(config: Config, log: Logger): Kafka {
  return new Kafka({
    clientId: config.kafka.clientId,
    brokers: config.kafka.brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 5, initialRetryTime: 200 },
    logCreator: () => ({ namespace, level, log: entry }) => {
      const { message, ...rest } = entry;
      const fields = { namespace, ...rest };
      if (level <= logLevel.ERROR) log.error(fields, message);
      else log.warn(fields, message);
    },
  });
}

/** An idempotent, ordered producer, not yet connected (the outbox relay connects it when Kafka answers). */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = createProducer(kafka);
  await producer.connect();
  return producer;
}

export async function connectTemporal(config: Config): Promise<Client> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return new Client({ connection, namespace: config.temporal.namespace });
}

/**
 * The notifier's SMTP transport: smtpUrl carries host, port, TLS and credentials. One connection per
 * message and no pool, whose requeueing could hand a message whose outcome is unknown to a second
 * connection (the notifier sends each email at most once).
 */
export function createSmtpTransport(smtpUrl: string) {
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
}

/** SMTP_URL without its credentials, for logs. */
export function describeSmtpUrl(smtpUrl: string): string {
  try {
    const u = new URL(smtpUrl);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return '(unparsable SMTP_URL)';
  }
}
