import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The alert rules and the dashboard must only use metrics that exist: Tenure's own (registered with
// prom-client in the code) or the external ones documented in docs/operations.md.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? sourceFiles(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

/** Metric names registered in the code (`new Counter({ name: '...' })` etc.), with histogram series suffixes. */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  for (const file of ['api', 'workers', 'activities', 'services', 'config'].flatMap(sourceFiles)) {
    for (const m of read(file).matchAll(/new (Counter|Gauge|Histogram|Summary)\(\{\s*name:\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g)) {
      names.add(m[2]!);
      if (m[1] === 'Histogram' || m[1] === 'Summary') for (const s of ['_bucket', '_count', '_sum']) names.add(`${m[2]}${s}`);
    }
  }
  return names;
}

/** External metrics documented in the table at the end of docs/operations.md ("Metrics and alerts"). */
function documentedMetrics(): Set<string> {
  const section = read('docs/operations.md').split('## Metrics and alerts')[1] ?? '';
  return new Set([...section.matchAll(/^\| `([a-zA-Z_:][a-zA-Z0-9_:]*)` \|/gm)].map((m) => m[1]!));
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'offset', 'bool', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/** The metric names a PromQL expression selects (not functions, labels, keywords or durations). */
export function metricsIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...stripped.matchAll(/(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:]|\s*\()/g)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !KEYWORDS.has(n.toLowerCase())))];
}

interface Rule { alert?: string; expr?: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
const rules = (parse(read('ops/prometheus/alerts.yml')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const known = new Set([...registeredMetrics(), ...documentedMetrics()]);
const unknownIn = (exprs: string[]) => exprs.flatMap((e) => metricsIn(e).filter((m) => !known.has(m)).map((m) => `${m} in: ${e.trim()}`));

describe('ops/prometheus/alerts.yml', () => {
  it('is a rule file whose every rule is a complete, uniquely named alert', () => {
    expect(rules.length).toBeGreaterThanOrEqual(8);
    for (const r of rules) {
      expect(r.alert, JSON.stringify(r)).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(typeof r.expr).toBe('string');
      expect(r.for ?? '0m').toMatch(/^\d+[smhd]$/);
      expect(['warning', 'critical']).toContain(r.labels?.severity);
      expect(r.annotations?.summary).toBeTruthy();
      expect(r.annotations?.description).toBeTruthy();
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('uses only metrics Tenure registers or docs/operations.md documents', () => {
    expect(registeredMetrics()).toContain('billing_lifecycle_transitions_total');
    expect(unknownIn(rules.map((r) => r.expr!))).toEqual([]);
  });

  it('covers limits, webhooks, orphans, Redis memory, dunning, worker down, 5xx and p99 latency', () => {
    const used = new Set(rules.flatMap((r) => metricsIn(r.expr!)));
    for (const m of ['billing_limit_exceeded_total', 'billing_webhooks_failed_total', 'billing_webhook_endpoints_disabled', 'billing_webhooks_orphaned_total', 'redis_memory_used_bytes', 'redis_memory_max_bytes', 'billing_lifecycle_transitions_total', 'up', 'http_request_duration_seconds_count', 'http_request_duration_seconds_bucket']) {
      expect(used, m).toContain(m);
    }
    const exprs = rules.map((r) => r.expr!).join('\n');
    expect(exprs).toContain('type="payment.failed"');
    expect(exprs).toContain('type="tenant.restricted"');
    expect(exprs).toContain('job="tenure-worker"');
  });

  it('the checker itself catches a misspelt metric (so the test above can fail)', () => {
    expect(metricsIn('sum by (metric) (rate(billing_limit_exceded_total{metric="seats"}[5m])) > 0.5 and on (job) up offset 1d')).toEqual(['billing_limit_exceded_total', 'up']);
    expect(unknownIn(['rate(billing_limit_exceded_total[5m])'])).toHaveLength(1);
  });
});

describe('ops/grafana/tenure-dashboard.json', () => {
  const dashboard = JSON.parse(read('ops/grafana/tenure-dashboard.json')) as { uid: string; title: string; panels: { id: number; type: string; title: string; gridPos: object; targets?: { expr: string; refId: string }[] }[] };
  const targets = dashboard.panels.flatMap((p) => p.targets ?? []);

  it('is a Grafana dashboard with uniquely numbered panels that all have queries', () => {
    expect(dashboard.uid).toBe('tenure-billing');
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const p of dashboard.panels.filter((x) => x.type !== 'row')) {
      expect(p.gridPos, p.title).toBeTruthy();
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
    }
  });

  it('queries only known metrics, and shows every metric the alerts use', () => {
    expect(unknownIn(targets.map((t) => t.expr))).toEqual([]);
    const shown = new Set(targets.flatMap((t) => metricsIn(t.expr)));
    const alerted = new Set(rules.flatMap((r) => metricsIn(r.expr!)).filter((m) => m !== 'redis_up'));
    expect([...alerted].filter((m) => !shown.has(m))).toEqual([]);
  });
});
