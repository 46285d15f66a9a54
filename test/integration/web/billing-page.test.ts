import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

describe('the customer billing page', () => {
  it('serves the page with a strict content security policy', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/billing' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.body).toContain('<script type="module" src="/billing/billing.js">');
    expect(res.body).not.toMatch(/<script>(?!<)/);
  });

  it('serves its script and styles, and the script only ever calls this origin\'s API', async () => {
    const js = await stack.app.inject({ method: 'GET', url: '/billing/billing.js' });
    expect(js.headers['content-type']).toContain('text/javascript');
    for (const path of ['/billings/subscription', '/billings/usage', '/plans', '/billings/invoices', '/billings/portal']) expect(js.body).toContain(path);
    expect(js.body).not.toMatch(/https?:\/\//);
    expect(js.body).toContain('location.hash');
    expect(js.body).toContain('/billings/contact');
    const css = await stack.app.inject({ method: 'GET', url: '/billing/billing.css' });
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('serves the billing contact form and the 3-D Secure notice (issue 17)', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/billing' });
    for (const id of ['contact', 'contact-form', 'contact-name', 'contact-email', 'contact-line1', 'contact-city', 'contact-postal-code', 'contact-country', 'contact-tax-type', 'contact-tax-value', 'contact-error', 'contact-save', 'payment-action', 'payment-action-link']) {
      expect(res.body, id).toContain(`id="${id}"`);
    }
    const js = await stack.app.inject({ method: 'GET', url: '/billing/billing.js' });
    expect(js.body).toContain("api('PUT', '/billings/contact'");
    expect(js.body).toContain('paymentActionUrl');
  });
});
