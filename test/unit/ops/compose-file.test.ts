import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { thirdPartyAjv } from '../../support/ajv.js';

// docker-compose.yml, checked without a Docker engine: against the Compose Specification's JSON
// Schema (test/fixtures/compose-spec, its source and license noted there), and for what it must run:
// every Tenure process from the one image, each waiting for what it needs, and a broker that tells
// the containers and the host each an address they can reach.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

interface Service {
  image?: string; build?: string; command?: string[]; environment?: Record<string, string>; ports?: string[];
  depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] }; restart?: string;
}
// Parsed as Compose reads it: YAML merge keys (<<) resolved; a fresh copy each time, so a test may change it.
const compose = () => parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const spec = JSON.parse(read('test/fixtures/compose-spec/compose-spec.json')) as { $schema: string };
const validate = thirdPartyAjv(spec.$schema).compile(spec);

// The processes ops/run-compiled starts (the image's commands), but the CLI, which is run by hand.
const imageCommands = [...read('ops/run-compiled').matchAll(/^ {2}([a-z-]+)\) exec/gm)].map((m) => m[1]!).filter((c) => c !== 'cli');
const LONG_RUNNING = ['api', 'worker', 'usage-consumer', 'notifier'];

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification', () => {
    expect(validate(compose())).toBe(true);
    expect(validate.errors ?? null).toBeNull();
  });

  it('is refused by the schema when it breaks it (a depends_on condition Compose does not know)', () => {
    const broken = compose();
    broken.services.api!.depends_on!.migrate = { condition: 'service_done' };
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain('/services/api/depends_on/migrate/condition');
  });

  it('runs every Tenure process, each from the one image with its own command', () => {
    const { services } = compose();
    const tenure = Object.entries(services).filter(([, s]) => s.image?.startsWith('tenure:'));
    expect(imageCommands).toEqual(['api', 'worker', 'usage-consumer', 'notifier', 'migrate']);
    expect(tenure.map(([name]) => name).sort()).toEqual([...imageCommands].sort());
    for (const [name, s] of tenure) {
      expect(s.command).toEqual([name]);
      expect(s.build).toBe('.');
      expect(s.image).toBe('tenure:${TENURE_IMAGE_TAG:-local}');
    }
  });

  it('migrates once, before any long-running process starts, and health-checks each of those', () => {
    const { services } = compose();
    expect(services.migrate!.restart).toBe('no');
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of LONG_RUNNING) {
      const s = services[name]!;
      expect(s.depends_on!.migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(s.depends_on!['kafka-topics']).toEqual({ condition: 'service_completed_successfully' });
      expect(s.healthcheck!.test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      expect(s.restart).toBe('unless-stopped');
    }
  });

  it('waits on health checks that exist: every service_healthy dependency has a healthcheck', () => {
    const { services } = compose();
    const needed = Object.values(services).flatMap((s) => Object.entries(s.depends_on ?? {}).filter(([, d]) => d.condition === 'service_healthy').map(([dep]) => dep));
    expect([...new Set(needed)].sort()).toEqual(['kafka', 'postgres', 'redis', 'temporal']);
    for (const dep of needed) expect(services[dep]!.healthcheck).toBeDefined();
  });

  it('points the processes at the services by their compose names', () => {
    const env = compose().services.worker!.environment!;
    expect(env).toMatchObject({ DATABASE_URL: 'postgres://tenure:tenure@postgres:5432/tenure', REDIS_URL: 'redis://redis:6379', KAFKA_BROKERS: 'kafka:9092', TEMPORAL_ADDRESS: 'temporal:7233' });
  });

  it('advertises kafka:9092 to the containers (kafka-topics, Tenure) and localhost:9092 to the host', () => {
    const { services } = compose();
    const kafkaEnv = services.kafka!.environment!;
    const advertised = Object.fromEntries(kafkaEnv.KAFKA_ADVERTISED_LISTENERS!.split(',').map((l) => l.split('://') as [string, string]));
    const bound = Object.fromEntries(kafkaEnv.KAFKA_LISTENERS!.split(',').map((l) => l.split('://') as [string, string]));
    expect(advertised).toEqual({ PLAINTEXT: 'kafka:9092', HOST: 'localhost:9092' });
    expect(bound).toMatchObject({ PLAINTEXT: ':9092', HOST: ':29092' });
    expect(kafkaEnv.KAFKA_INTER_BROKER_LISTENER_NAME).toBe('PLAINTEXT');
    expect(services.kafka!.ports).toEqual(['127.0.0.1:9092:29092']);
    expect(services['kafka-topics']!.command!.join('\n')).toContain('--bootstrap-server kafka:9092');
    expect(services['kafka-topics']!.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
  });
});
