// The /billing page's billing contact form and its 3-D Secure notice, rendered by the real
// web/billing.js (issue 17): the form is filled from GET /billings/contact and stays hidden for a
// tenant user (403); the notice links to the hosted invoice page, and only an https one.
import { describe, expect, it } from 'vitest';
import { loadBillingPage } from './fake-dom.js';

const subscription = { plan: { id: 'growth', name: 'Growth' }, subscription: null, trial: null, access: 'full', warning: 'payment_past_due', pendingChange: null };
const base = { '/billings/usage': { metrics: [] }, '/billings/invoices': { invoices: [] }, '/plans': { plans: [], recommendation: null } };
const contact = { name: 'Acme GmbH', email: 'billing@acme.test', address: { line1: 'Hauptstrasse 1', line2: null, city: 'Berlin', postalCode: '10115', state: null, country: 'DE' }, taxId: { type: 'eu_vat', value: 'DE123456789' } };
const valueOf = (page: Awaited<ReturnType<typeof loadBillingPage>>, id: string) => (page.querySelector(`#${id}`) as unknown as { value?: string }).value;

describe('the billing contact on /billing', () => {
  it('fills the form from GET /billings/contact and shows it', async () => {
    const page = await loadBillingPage({ ...base, '/billings/subscription': { ...subscription, paymentActionUrl: null }, '/billings/contact': contact });
    expect(page.querySelector('#contact')?.hidden).toBe(false);
    expect(['contact-name', 'contact-email', 'contact-line1', 'contact-line2', 'contact-city', 'contact-postal-code', 'contact-country', 'contact-tax-type', 'contact-tax-value'].map((id) => valueOf(page, id)))
      .toEqual(['Acme GmbH', 'billing@acme.test', 'Hauptstrasse 1', '', 'Berlin', '10115', 'DE', 'eu_vat', 'DE123456789']);
  });

  it('stays hidden when the contact cannot be read (a tenant user)', async () => {
    const page = await loadBillingPage({ ...base, '/billings/subscription': { ...subscription, paymentActionUrl: null } });
    expect(page.querySelector('#contact')?.hidden).toBe(true);
  });
});

describe('the 3-D Secure notice on /billing', () => {
  it('links to the hosted invoice page while a payment waits for authentication', async () => {
    const url = 'https://invoice.stripe.com/i/acct_1/test_sca';
    const page = await loadBillingPage({ ...base, '/billings/subscription': { ...subscription, paymentActionUrl: url }, '/billings/contact': contact });
    expect(page.querySelector('#payment-action')?.hidden).toBe(false);
    expect(page.querySelector('#payment-action-link')?.getAttribute('href')).toBe(url);
  });

  it('is hidden without one, and for a link that is not https', async () => {
    for (const paymentActionUrl of [null, 'javascript:alert(1)']) {
      const page = await loadBillingPage({ ...base, '/billings/subscription': { ...subscription, paymentActionUrl }, '/billings/contact': contact });
      expect(page.querySelector('#payment-action')?.hidden).toBe(true);
    }
  });
});
