// The /billing page's monthly/yearly toggle, rendered by the real web/billing.js: it starts at the
// subscription's own interval, and yearly shows the annual price with its savings (GET /plans annualSavings).
import { describe, expect, it } from 'vitest';
import { loadBillingPage, type FakeElement } from './fake-dom.js';

const plans = [
  { id: 'free', name: 'Free', rank: 0, priceMonthlyCents: 0, priceAnnualCents: 0, currency: 'usd', annualSavings: null },
  { id: 'growth', name: 'Growth', rank: 20, priceMonthlyCents: 9_900, priceAnnualCents: 99_000, currency: 'usd', annualSavings: { amountCents: 19_800, percent: 16.7 } },
  { id: 'scale', name: 'Scale', rank: 30, priceMonthlyCents: 19_900, priceAnnualCents: null, currency: 'usd', annualSavings: null },
  { id: 'ent', name: 'Enterprise', rank: 90, priceMonthlyCents: 150_000, priceAnnualCents: null, currency: 'usd', annualSavings: null, manualInvoicing: true },
];
const page = (subscription: unknown) => loadBillingPage({
  '/billings/subscription': { plan: { id: 'free', name: 'Free' }, subscription, trial: null, access: 'full', warning: null, pendingChange: null },
  '/billings/usage': { metrics: [] },
  '/billings/invoices': { invoices: [] },
  '/plans': { plans, recommendation: null, comparison: null },
});
const cards = (body: FakeElement) => body.querySelector('#plans')!.querySelectorAll('div').filter((d) => (d.getAttribute('class') ?? '').includes('card')).map((d) => d.textContent);
const pressed = (body: FakeElement, id: string) => body.querySelector(id)?.getAttribute('aria-pressed');

describe('the billing interval on /billing', () => {
  it('offers monthly and yearly, monthly first for a tenant without a subscription', async () => {
    const body = await page(null);
    expect([pressed(body, '#interval-month'), pressed(body, '#interval-year')]).toEqual(['true', 'false']);
    expect(cards(body)[1]).toContain('$99.00 / month');
  });

  it('starts at yearly for an annual subscriber and shows the annual price with the savings', async () => {
    const body = await page({ id: 'sub_1', status: 'active', cancelAtPeriodEnd: false, interval: 'year' });
    expect(pressed(body, '#interval-year')).toBe('true');
    const [, growth, scale, ent] = cards(body);
    expect(growth).toContain('$990.00 / year - save $198.00 (16.7%)');
    expect(scale).toContain('$199.00 / month (monthly only)');
    expect(ent).toContain('Invoiced: ask your account manager');
  });
});
