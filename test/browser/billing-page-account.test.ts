import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { clickButton, expectFitsAPhone, layoutOf, nextNotice, textsOf } from '../support/billing-page.js';
import { useBrowserTier } from '../support/browser-tier.js';
import { screenshot } from '../support/chromium.js';
import { uid } from '../support/ids.js';
import { invoiceObject } from '../support/stripe-payloads.js';
import { eventually } from '../support/wait.js';

// The /billing page in Chromium against the real API and worker: a tenant whose payment failed
// (past_due), one locked by dunning, its invoices with their PDF link, and the card portal.
// Each state is kept as .stack/test-results/browser/<state>.png; every page is 375 px wide.
const tier = useBrowserTier();
const DAY_MS = 86_400_000;
const INVOICED_AT = 1_764_000_000; // seconds, as Stripe sends it

async function growthTenant(prefix: string): Promise<{ tenantId: string; customer: string }> {
  const tenantId = uid(prefix);
  const customer = uid('cus_');
  await tier.registerTenant(tenantId);
  await tier.subscribe(tenantId, 'growth', customer);
  return { tenantId, customer };
}

/** A signed invoice.payment_failed webhook for the tenant's subscription, as Stripe sent it at `failedAtMs`. */
async function paymentFailed(tenantId: string, customer: string, failedAtMs: number): Promise<void> {
  await tier.webhook('invoice.payment_failed', invoiceObject(uid('in_'), { tenantId, customer, subscription: `sub_${tenantId}` }), failedAtMs);
}

const planTexts = (page: Page) => textsOf(page, '#plan p');

describe('payment trouble on the billing page', () => {
  it('a past_due tenant sees the payment warning and can still manage its plan and card', async () => {
    const { tenantId, customer } = await growthTenant('br-pastdue-');
    await paymentFailed(tenantId, customer, Date.now());
    await tier.subscriptionWhere(tenantId, (s) => s.warning === 'payment_past_due', 'the past_due warning');
    const { page } = await tier.open(tenantId);
    expect(await planTexts(page)).toEqual(['Growth - active', 'Your last payment failed. Update your card to keep full access.']);
    expect(await textsOf(page, '#plan p.warn')).toEqual(['Your last payment failed. Update your card to keep full access.']);
    expect((await layoutOf(page)).buttons).toEqual(['Cancel subscription', 'Monthly', 'Yearly', 'Downgrade', 'Save contact', 'Manage payment methods', 'PDF']);
    await screenshot(page, 'past-due');
    await expectFitsAPhone(page);
  });

  it('a tenant locked by dunning sees the locked notice and no buttons', async () => {
    const { tenantId, customer } = await growthTenant('br-locked-');
    // Unpaid for 15 days: past DUNNING_LOCK_AFTER (14d), so the ladder locks the tenant at once.
    await paymentFailed(tenantId, customer, Date.now() - 15 * DAY_MS);
    await tier.subscriptionWhere(tenantId, (s) => s.access === 'none', 'the locked tenant');
    const { page } = await tier.open(tenantId);
    expect(await planTexts(page)).toEqual(['Growth - active', 'Your account is locked. Contact support.']);
    expect(await textsOf(page, '#plan p.error')).toEqual(['Your account is locked. Contact support.']);
    expect((await layoutOf(page)).buttons).toEqual([]);
    await screenshot(page, 'locked');
    await expectFitsAPhone(page);
  });
});

// A finalized invoice of the tenant's customer. stripe-mock only ever returns its draft fixture (of
// another customer, with no PDF), so the recording proxy in front of it answers this one invoice, and
// serves its PDF at the link, as Stripe's file host would.
function paidInvoice(id: string, customer: string, pdfUrl: string) {
  return { id, object: 'invoice', customer, status: 'paid', number: 'TEN-0001', currency: 'usd', amount_due: 9_900, amount_paid: 9_900, total: 9_900,
    created: INVOICED_AT, period_start: INVOICED_AT, period_end: 1_766_600_000, invoice_pdf: pdfUrl, hosted_invoice_url: null };
}

function answerInvoice(customer: string): { invoiceId: string; pdfUrl: string } {
  const invoiceId = `in_${uid('Paid').replace(/[^A-Za-z0-9]/g, '')}`;
  const pdfUrl = `${tier.proxy.url}/files/${invoiceId}.pdf`;
  const invoice = paidInvoice(invoiceId, customer, pdfUrl);
  tier.proxy.answer({ method: 'GET', pathPrefix: `/v1/invoices?customer=${customer}`, body: { object: 'list', url: '/v1/invoices', has_more: false, data: [invoice] } });
  tier.proxy.answer({ method: 'GET', pathPrefix: `/v1/invoices/${invoiceId}`, body: invoice });
  tier.proxy.answer({ method: 'GET', pathPrefix: `/files/${invoiceId}.pdf`, contentType: 'application/pdf', body: '%PDF-1.4\n%%EOF\n' });
  return { invoiceId, pdfUrl };
}

describe('invoices and the card portal on the billing page', () => {
  it('lists the invoices; the PDF button opens the link the API gives, and the link answers with the PDF', async () => {
    const { tenantId, customer } = await growthTenant('br-invoices-');
    const { invoiceId, pdfUrl } = answerInvoice(customer);
    const { page } = await tier.open(tenantId);
    expect(await textsOf(page, '#invoices tr')).toEqual(['Date\tAmount\tStatus', `${new Date(INVOICED_AT * 1000).toLocaleDateString('en-US')}\t$99.00\tpaid\tPDF`]);
    await screenshot(page, 'invoices');
    await expectFitsAPhone(page);

    const answer = page.waitForResponse((r) => r.url().endsWith(`/billings/invoices/${invoiceId}/pdf`));
    const popup = tier.chromium.browser.waitForTarget((t) => t.url() === pdfUrl);
    await clickButton(page, 'PDF');
    expect(await (await answer).json()).toEqual({ url: pdfUrl });
    await (await (await popup).page())?.close();
    const file = await fetch(pdfUrl);
    expect({ status: file.status, type: file.headers.get('content-type'), body: await file.text() }).toEqual({ status: 200, type: 'application/pdf', body: '%PDF-1.4\n%%EOF\n' });
  });

  it('the portal button sends the browser to the billing portal URL the API gives', async () => {
    const { tenantId } = await growthTenant('br-portal-');
    const { page, leftFor } = await tier.open(tenantId);
    const asked = page.waitForRequest((r) => r.url().endsWith('/billings/portal'));
    await clickButton(page, 'Manage payment methods');
    const body = JSON.parse((await asked).postData() ?? 'null') as unknown;
    expect(body).toEqual({ returnUrl: `${tier.tenure.baseUrl}/billing` });
    await eventually(async () => (leftFor.length > 0 ? true : undefined), 'the browser leaving for the portal');
    // The same request again, from here: stripe-mock answers every portal session with the same URL.
    const { url } = (await (await tier.call('POST', '/billings/portal', { tenantId, body })).json()) as { url: string };
    expect(url).toMatch(/^https:\/\/[^/]+\.stripe\.me\/session\//);
    expect(leftFor).toEqual([new URL(url).href]);
  });
});

describe('the billing contact and payment authentication on the billing page', () => {
  it('edits the billing contact from the page: the API then holds what the owner typed', async () => {
    const { tenantId } = await growthTenant('br-contact-');
    const { page } = await tier.open(tenantId);
    await page.waitForSelector('#contact', { visible: true });
    const typed = { '#contact-name': 'Acme Billing GmbH', '#contact-email': 'billing@acme.example', '#contact-line1': 'Hauptstrasse 1', '#contact-city': 'Berlin', '#contact-postal-code': '10115', '#contact-country': 'de' };
    for (const [selector, text] of Object.entries(typed)) {
      await page.$eval(selector, (input) => { (input as unknown as { value: string }).value = ''; });
      await page.type(selector, text);
    }
    await clickButton(page, 'Save contact');
    expect(await nextNotice(page)).toEqual({ text: 'Billing contact saved.', isError: false });
    // The form shows the saved contact as the API answered it (the country upper-cased).
    expect(await page.$eval('#contact-country', (input) => (input as unknown as { value: string }).value)).toBe('DE');
    const contact = await (await tier.call('GET', '/billings/contact', { tenantId })).json();
    expect(contact).toMatchObject({ name: 'Acme Billing GmbH', email: 'billing@acme.example', address: { line1: 'Hauptstrasse 1', city: 'Berlin', postalCode: '10115', country: 'DE' }, taxId: null });
    await screenshot(page, 'contact-saved');
    await expectFitsAPhone(page);
  });

  it('a payment the bank wants confirmed (3-D Secure) shows the notice with the hosted invoice link', async () => {
    const { tenantId, customer } = await growthTenant('br-sca-');
    const hostedUrl = `https://invoice.stripe.com/i/acct_test/${uid('sca')}`;
    await tier.webhook('invoice.payment_action_required', { ...invoiceObject(uid('in_'), { tenantId, customer, subscription: `sub_${tenantId}` }), hosted_invoice_url: hostedUrl });
    await tier.subscriptionWhere(tenantId, (s) => s.warning === 'payment_past_due', 'the dunning ladder started by the authentication request');
    const { page } = await tier.open(tenantId);
    await page.waitForSelector('#payment-action', { visible: true });
    expect(await textsOf(page, '#payment-action')).toEqual(['Your bank asks you to confirm your last payment (3-D Secure). Confirm the payment']);
    expect(await page.$eval('#payment-action-link', (a) => (a as unknown as { href: string }).href)).toBe(hostedUrl);
    await screenshot(page, 'payment-action-required');
    await expectFitsAPhone(page);
  });
});
