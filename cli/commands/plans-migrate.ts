import { setTimeout as sleep } from 'node:timers/promises';
import { getPlanMigration, startPlanMigration } from '../../services/plans/migrations/manage-migrations.js';
import { JSON_OPTION, UsageError, flag, list, optInt, optString, reqString, type CommandSpec } from '../command.js';
import { formatTable, printJson } from '../io.js';
import { createProgress } from '../lib/progress.js';

// `tenure plans migrate <planId> --to <version>`: starts a plan migration (the planMigration
// workflow, as POST /admin/plans/:id/migrations does), follows it with a progress bar on stderr, and
// prints the per-tenant report as a table on stdout.

const path = ['plans', 'migrate'];
const POLL_MS = 500;

type Report = Awaited<ReturnType<typeof getPlanMigration>>;
type TenantReport = { before?: Record<string, unknown>; after?: Record<string, unknown>; exceeded?: { feature: string; over: number }[]; proration?: { prorationAmount: number } | null } | null;

const grant = (e: unknown): string => (e === undefined ? '-' : 'limit' in (e as object) ? String((e as { limit: number | null }).limit ?? 'unlimited') : String((e as { enabled: boolean }).enabled));

/** The entitlements that change, as `key a→b`. */
function changes(report: TenantReport): string {
  if (!report?.before || !report.after) return '';
  const keys = [...new Set([...Object.keys(report.before), ...Object.keys(report.after)])].sort();
  return keys.filter((k) => grant(report.before![k]) !== grant(report.after![k])).map((k) => `${k} ${grant(report.before![k])}→${grant(report.after![k])}`).join(', ');
}

function reportTable(report: Report): string {
  const rows = report.tenants.map((t) => {
    const r = t.report as TenantReport;
    const exceeded = (r?.exceeded ?? []).map((v) => `${v.feature} +${v.over}`).join(', ');
    return [t.tenantId, `v${t.fromVersion}`, t.outcome, t.code ?? '', changes(r), exceeded, r?.proration ? String(r.proration.prorationAmount) : ''];
  });
  return formatTable(['TENANT', 'FROM', 'OUTCOME', 'CODE', 'CHANGES', 'EXCEEDED', 'PRORATION'], rows);
}

export const plansMigrate: CommandSpec = {
  path,
  summary: 'Move the tenants of a plan to one of its versions (or a dry run), with a progress bar and the report as a table.',
  args: ['planId'],
  options: {
    to: { type: 'string', value: 'version', description: 'the target version (required)' },
    'dry-run': { type: 'boolean', description: 'report entitlements before and after, exceeded gauges and the proration; change nothing' },
    effective: { type: 'string', value: 'now|period_end', description: 'when the new version takes effect (default now)' },
    from: { type: 'string', value: 'version', multiple: true, description: 'only tenants on this version (repeatable)' },
    tenant: { type: 'string', value: 'id', multiple: true, description: 'only this tenant (repeatable)' },
    rate: { type: 'string', value: 'n', description: 'tenants per second (default 5)' },
    force: { type: 'boolean', description: 'also migrate tenants whose gauges exceed the new limits' },
    ...JSON_OPTION,
  },
  details: `
Starts the planMigration workflow (a worker must poll TEMPORAL_TASK_QUEUE) and waits until it
completes or is cancelled; pause, resume or cancel it with POST /admin/migrations/:id/{pause,resume,cancel}.
Exit code 1 when a tenant failed.`,
  async run(ctx, input) {
    const planId = input.positionals[0]!;
    reqString(input, 'to', path);
    const toVersion = optInt(input, 'to', 0, path, 1);
    const effective = optString(input, 'effective') ?? 'now';
    if (effective !== 'now' && effective !== 'period_end') throw new UsageError(`--effective must be now or period_end, not '${effective}'`, path);
    const fromVersions = list(input, 'from').map((v) => Number(v));
    if (fromVersions.some((v) => !Number.isInteger(v) || v < 1)) throw new UsageError('--from takes a version number', path);
    const tenantIds = list(input, 'tenant');
    const deps = { db: ctx.db(), temporal: await ctx.temporal(), config: ctx.config };
    const started = await startPlanMigration(deps, planId, {
      toVersion, effective, dryRun: flag(input, 'dry-run'), force: flag(input, 'force'), ratePerSecond: optInt(input, 'rate', 5, path, 1),
      ...(fromVersions.length > 0 ? { fromVersions } : {}), ...(tenantIds.length > 0 ? { tenantIds } : {}),
    }, 'cli');
    ctx.err(`migration ${started.id} started`);
    const report = await follow(ctx, started.id, flag(input, 'dry-run'));
    if (flag(input, 'json')) printJson(ctx, report);
    else ctx.out(reportTable(report));
    ctx.err(`${report.status}: ${Object.entries(report.progress.outcomes).map(([k, n]) => `${k} ${n}`).join(', ') || 'no tenants'}`);
    return (report.progress.outcomes.failed ?? 0) > 0 ? 1 : 0;
  },
};

/** Polls the report until the migration ends, drawing the progress. */
async function follow(ctx: Parameters<CommandSpec['run']>[0], id: string, dryRun: boolean): Promise<Report> {
  let report = await getPlanMigration({ db: ctx.db() }, id);
  while (report.status === 'selecting') {
    await sleep(POLL_MS);
    report = await getPlanMigration({ db: ctx.db() }, id);
  }
  const progress = createProgress(ctx.stderr, dryRun ? 'migrate (dry run)' : 'migrate', report.progress.total);
  let shown = 0;
  for (;;) {
    for (; shown < report.progress.done; shown++) progress.tick(report.progress.outcomes);
    progress.batch(report.progress.outcomes);
    if (report.status === 'completed' || report.status === 'cancelled') break;
    await sleep(POLL_MS);
    report = await getPlanMigration({ db: ctx.db() }, id, { limit: 1000, offset: 0 });
  }
  progress.finish();
  return getPlanMigration({ db: ctx.db() }, id, { limit: 1000, offset: 0 });
}
