import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

// The fault tier's scenarios (issue 11) and the one summary table they add up to: each scenario
// records what it injected and what it measured; the global teardown prints the table and
// docs/reliability.md carries the same one.

export const FAULT_SCENARIOS = [
  { id: 'worker-sigkill', title: 'worker SIGKILL 10 times while webhooks and plan changes stream in' },
  { id: 'kafka-stopped', title: 'Kafka stopped for 30 s during lifecycle traffic' },
  { id: 'temporal-stopped', title: 'Temporal stopped' },
  { id: 'postgres-stopped', title: 'Postgres stopped' },
  { id: 'postgres-recreated', title: 'Postgres recreated empty under running lifecycles' },
  { id: 'redis-flushall', title: 'Redis FLUSHALL under traffic, then a workflow step' },
  { id: 'consumer-sigkill', title: 'usage consumer SIGKILL 5 times mid-batch' },
  { id: 'usage-replay', title: 'a new consumer group replays the whole usage topic' },
  { id: 'webhooks-sigkill', title: 'worker SIGKILL 5 times during outbound webhook deliveries' },
] as const;

export type ScenarioId = (typeof FAULT_SCENARIOS)[number]['id'];

export interface ScenarioRow {
  id: ScenarioId;
  title: string;
  faultsInjected: number;
  survived: boolean;
  /** False when the scenario's test never recorded a result (not run, or its file failed to start). */
  ran: boolean;
  /** Events (webhooks, billing events, usage events) that never took effect; null when not measured. */
  eventsLost: number | null;
  /** Events or Stripe mutations applied or delivered more than once; null when not measured. */
  duplicates: number | null;
  notes: string[];
}

export interface ScenarioRecorder { faults: number; lost: number | null; duplicates: number | null; note(text: string): void }

const resultsDir = (stackDir: string) => join(stackDir, 'fault-results');

/**
 * Call at the start of a scenario's test: the returned recorder is filled in while the test runs and
 * written, with whether the test passed, when it finishes (pass or fail).
 */
export function recordScenario(stackDir: string, id: ScenarioId): ScenarioRecorder {
  const title = FAULT_SCENARIOS.find((s) => s.id === id)!.title;
  const notes: string[] = [];
  const rec: ScenarioRecorder = { faults: 0, lost: null, duplicates: null, note: (t) => { notes.push(t); } };
  onTestFinished(({ task }) => {
    mkdirSync(resultsDir(stackDir), { recursive: true });
    const row: ScenarioRow = { id, title, faultsInjected: rec.faults, survived: task.result?.state === 'pass', ran: true, eventsLost: rec.lost, duplicates: rec.duplicates, notes };
    writeFileSync(join(resultsDir(stackDir), `${id}.json`), JSON.stringify(row, null, 2));
  });
  return rec;
}

export function readScenarioRows(stackDir: string): ScenarioRow[] {
  const dir = resultsDir(stackDir);
  const rows = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ScenarioRow) : [];
  return FAULT_SCENARIOS.map((s) => rows.find((r) => r.id === s.id) ?? { id: s.id, title: s.title, faultsInjected: 0, survived: false, ran: false, eventsLost: null, duplicates: null, notes: [] });
}

const cell = (n: number | null) => (n === null ? 'n/a' : String(n));

/** The summary as a Markdown table (the same shape as docs/reliability.md's). */
export function summaryTable(rows: ScenarioRow[]): string {
  const lines = [
    '| scenario | faults injected | survived | events lost | duplicates |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.title} | ${r.faultsInjected} | ${r.ran ? (r.survived ? 'yes' : 'NO') : 'not run'} | ${cell(r.eventsLost)} | ${cell(r.duplicates)} |`),
  ];
  const sum = (f: (r: ScenarioRow) => number | null) => rows.reduce((n, r) => n + (f(r) ?? 0), 0);
  lines.push(`| **total** | ${sum((r) => r.faultsInjected)} | ${rows.filter((r) => r.survived).length} of ${rows.length} | ${sum((r) => r.eventsLost)} | ${sum((r) => r.duplicates)} |`);
  return lines.join('\n');
}
