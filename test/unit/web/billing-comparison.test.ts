// The /billing page's plan comparison, rendered by the real web/billing.js: one row per catalog
// feature from GET /plans (a check or a dash for booleans, the limit with its unit, "Unlimited"),
// the older per-metric rows when the server sends no entitlements, and no feature named by the page.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBillingPage, tableText, type FakeElement } from './fake-dom.js';

const CHECK = '\u2713';
const DASH = '\u2014';
const plans = [
  { id: 'free', name: 'Free', rank: 0, priceMonthlyCents: 0, currency: 'usd' },
  { id: 'pro', name: 'Pro', rank: 20, priceMonthlyCents: 4_900, currency: 'usd' },
];
const base = {
  '/billings/subscription': { plan: { id: 'free', name: 'Free' }, subscription: null, trial: null, access: 'full', warning: null, pendingChange: null },
  '/billings/usage': { metrics: [] },
  '/billings/invoices': { invoices: [] },
};
const displayFeatures = [{ feature: 'Priority support', included: [false, true] }];
const metricRows = [{ metric: 'api_calls', kind: 'monthly', limits: [1_000, null] }];

async function comparison(catalog: unknown): Promise<FakeElement | undefined> {
  const page = await loadBillingPage({ ...base, '/plans': catalog });
  return page.querySelector('#plans')?.querySelectorAll('table').find((t) => t.getAttribute('class') === 'comparison');
}

describe('the plan comparison on /billing', () => {
  it('shows one row per catalog feature, plans in the order of planIds', async () => {
    const table = await comparison({
      plans, recommendation: null,
      comparison: {
        planIds: ['free', 'pro'], metrics: metricRows, features: displayFeatures,
        entitlements: [
          { key: 'sso', name: 'Single sign-on', kind: 'boolean', unit: null, values: [false, true] },
          { key: 'api_calls', name: 'API calls', kind: 'monthly', unit: 'calls', values: [1_000, null] },
          { key: 'storage_mb', name: 'Storage', kind: 'gauge', unit: 'MB', values: [0, 5_000] },
        ],
      },
    });
    expect(table).toBeDefined();
    expect(tableText(table!)).toEqual([
      ['Feature', 'Free', 'Pro'],
      ['Single sign-on', DASH, CHECK],
      ['API calls', '1,000 calls', 'Unlimited'],
      ['Storage', DASH, '5,000 MB'],
      ['Priority support', DASH, CHECK],
    ]);
  });

  it('labels the check and the dash for screen readers', async () => {
    const table = await comparison({ plans, recommendation: null, comparison: { planIds: ['free', 'pro'], metrics: [], features: [], entitlements: [{ key: 'sso', name: 'SSO', kind: 'boolean', unit: null, values: [false, true] }] } });
    const marks = table!.querySelectorAll('span').map((s) => s.getAttribute('aria-label'));
    expect(marks).toEqual(['Not included', 'Included']);
  });

  it('falls back to the metric rows when the server sends no entitlements', async () => {
    const table = await comparison({ plans, recommendation: null, comparison: { planIds: ['free', 'pro'], metrics: metricRows, features: displayFeatures } });
    expect(tableText(table!)).toEqual([
      ['Feature', 'Free', 'Pro'],
      ['api calls', '1,000', 'Unlimited'],
      ['Priority support', DASH, CHECK],
    ]);
  });

  it('shows no comparison when there is nothing to compare, and still the plan cards', async () => {
    const page = await loadBillingPage({ ...base, '/plans': { plans, recommendation: null, comparison: { planIds: ['free', 'pro'], metrics: [], features: [], entitlements: [] } } });
    expect(page.querySelector('#plans')!.querySelectorAll('table')).toEqual([]);
    expect(page.querySelector('#plans')!.textContent).toContain('Pro');
  });
});

describe('web/', () => {
  it('names none of the seed metrics: labels come from the catalog', () => {
    const dir = new URL('../../../web/', import.meta.url);
    for (const file of readdirSync(dir)) {
      expect(readFileSync(new URL(file, dir), 'utf8'), file).not.toMatch(/referred_users|campaigns|\bseats\b|leaderboard|email_sends/);
    }
  });
});
