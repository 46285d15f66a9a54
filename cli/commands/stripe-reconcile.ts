import { countTenantsToReconcile, reconcileSubscriptionsPage, type ReconcileFailure, type SubscriptionDifference } from '../../services/stripe/reconcile-subscriptions.js';
import { JSON_OPTION, flag, optInt, type CommandSpec } from '../command.js';
import { formatTable, printJson } from '../io.js';
import { createProgress } from '../lib/progress.js';

// `tenure stripe reconcile [--dry-run]`: the daily drift repair, run now, through the same use case
// as the schedule's workflow. Progress on stderr, the differences as a table on stdout.

const path = ['stripe', 'reconcile'];
const show = (v: unknown): string => (v === null || v === undefined ? '-' : typeof v === 'number' && v > 1e12 ? new Date(v).toISOString() : String(v));

export const stripeReconcile: CommandSpec = {
  path,
  summary: "Compare each subscribed tenant's subscription with Stripe's and feed the differences to its lifecycle (the drift repair).",
  options: {
    'dry-run': { type: 'boolean', description: 'print the differences; signal nothing' },
    batch: { type: 'string', value: 'n', description: 'tenants per page (default 50)' },
    ...JSON_OPTION,
  },
  details: `
Reads every subscription from Stripe at STRIPE_RECONCILE_RATE per second (default 5) and, where
Stripe's object differs from the lifecycle's (status, plan, price, cancel at period end, period end),
signals the lifecycle with the customer.subscription.updated / .deleted input the missed webhook would
have given; the reducer decides what changes. The schedule runs the same daily (STRIPE_RECONCILE_CRON).
Exit code 1 when a subscription could not be checked. A worker must be polling TEMPORAL_TASK_QUEUE.`,
  async run(ctx, input) {
    const dryRun = flag(input, 'dry-run');
    const limit = optInt(input, 'batch', 50, path, 1);
    const deps = { db: ctx.db(), stripe: ctx.stripe(), temporal: await ctx.temporal(), config: ctx.config, log: ctx.log };
    const progress = createProgress(ctx.stderr, dryRun ? 'reconcile (dry run)' : 'reconcile', await countTenantsToReconcile(deps));
    const differences: SubscriptionDifference[] = [];
    const failures: ReconcileFailure[] = [];
    let checked = 0;
    let afterTenantId: string | null = null;
    do {
      const page = await reconcileSubscriptionsPage(deps, { afterTenantId, limit, dryRun });
      checked += page.checked;
      differences.push(...page.differences);
      failures.push(...page.failures);
      const counts = { differ: differences.length, failed: failures.length };
      for (let i = 0; i < page.checked + page.failures.length; i++) progress.tick(counts);
      progress.batch(counts);
      afterTenantId = page.nextTenantId;
    } while (afterTenantId !== null);
    progress.finish();
    if (flag(input, 'json')) {
      printJson(ctx, { dryRun, checked, differences, failures });
    } else {
      const rows = differences.flatMap((d) => d.fields.map((f) => [d.tenantId, d.subscriptionId, f.field, show(f.tenure), show(f.stripe), d.action]));
      if (rows.length > 0) ctx.out(formatTable(['TENANT', 'SUBSCRIPTION', 'FIELD', 'TENURE', 'STRIPE', 'ACTION'], rows));
      for (const f of failures) ctx.err(`${f.tenantId} ${f.subscriptionId}: ${f.code}: ${f.message}`);
      ctx.err(`${checked} subscription(s) checked, ${differences.length} differ${dryRun ? ' (dry run: nothing signalled)' : ''}, ${failures.length} failed`);
    }
    return failures.length > 0 ? 1 : 0;
  },
};
