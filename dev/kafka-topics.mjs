// Creates Tenure's Kafka topics if they are missing. Usage: node dev/kafka-topics.mjs 127.0.0.1:9092
import { Kafka, logLevel } from 'kafkajs';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const topics = [
  { topic: 'billing.events', numPartitions: 3 },
  { topic: 'usage.events', numPartitions: 2 },
  { topic: 'usage.events.dlq', numPartitions: 1 },
];
const admin = new Kafka({ clientId: 'tenure-dev', brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 10 } }).admin();
await admin.connect();
const existing = new Set(await admin.listTopics());
const missing = topics.filter((t) => !existing.has(t.topic));
if (missing.length > 0) await admin.createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: 1 })), waitForLeaders: true });
for (const t of topics) process.stdout.write(`    ${t.topic}: ${existing.has(t.topic) ? 'exists' : 'created'}\n`);
await admin.disconnect();
