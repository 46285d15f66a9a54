import { describe, expect, it } from 'vitest';
import { billingEvent } from '../../../domain/events.js';
import { escapeHtml, NotificationDataError, renderNotification } from '../../../domain/notifications/render.js';
import { NOTIFIED_EVENT_TYPES, type NotifiedEvent } from '../../../domain/notifications/notified-events.js';
import { TEMPLATE_IDS } from '../../../domain/notifications/templates.js';
import { CTX, NOTIFIED_FIXTURES as F } from './fixtures.js';

describe('renderNotification: what each notified event says', () => {
  const cases: [keyof typeof F, string, RegExp, RegExp][] = [
    ['paymentFailed', 'payment_failed', /Payment failed for invoice in_1/, /payment of 99\.00 for invoice in_1 \(attempt 2\)/],
    ['trialEndingSoon', 'trial_ending_soon', /Your trial ends in 3 days/, /ends on 2026-12-04 09:30 UTC, in 3 days/],
    ['trialEndingTomorrow', 'trial_ending_soon', /Your trial ends in 1 day$/, /in 1 day\./],
    ['trialExpired', 'trial_expired', /Your trial has ended/, /now on the free plan/],
    ['usage80', 'usage_threshold_warning', /You have used 80% of your seats limit/, /used 8 of 10 seats \(80%\)/],
    ['usage100', 'usage_limit_reached', /You have reached your seats limit/, /used all 10 seats/],
    ['lockedByDunning', 'tenant_locked_dunning', /locked: payment overdue/, /overdue since 2026-11-17 09:30 UTC/],
    ['lockedByAdmin', 'tenant_locked_admin', /Your account has been locked/, /until 2026-12-02 09:30 UTC\.\nReason: abuse report/],
    ['cancelled', 'subscription_cancelled', /Your subscription has been cancelled/, /ends on 2026-12-11 09:30 UTC[^]*Reason given: too expensive/],
  ];
  it.each(cases)('%s uses %s', (fixture, template, subject, text) => {
    const email = renderNotification(F[fixture], CTX);
    expect(email.template).toBe(template);
    expect(email.subject).toMatch(subject);
    expect(email.text).toMatch(text);
    expect(email.text).toMatch(/^Hello Acme,\n/);
    expect(email.text).toContain('Your billing page: http://127.0.0.1:3000/billing');
    expect(email.html).toContain('<a href="http://127.0.0.1:3000/billing">');
    expect(email.html).not.toMatch(/\{\{|\}\}/);
  });

  it('has a fixture for every notified type and uses every template', () => {
    const fixtures = Object.values(F) as NotifiedEvent[];
    expect(new Set(fixtures.map((e) => e.type))).toEqual(new Set(NOTIFIED_EVENT_TYPES));
    expect(new Set(fixtures.map((e) => renderNotification(e, CTX).template))).toEqual(new Set(TEMPLATE_IDS));
  });

  it('an admin lock without an end says so; a cancellation without a reason gives none', () => {
    const open = billingEvent('t-1', 'tenant.locked', 'x', 0, { source: 'admin', reason: 'r', actor: 'a', lockedUntil: null });
    expect(renderNotification(open, CTX).text).toContain('until it is unlocked');
    const noReason = billingEvent('t-1', 'subscription.cancelled', 'x', 0, { subscriptionId: 's', reason: null, cancelAt: 0 });
    expect(renderNotification(noReason, CTX).text).not.toContain('Reason given');
  });
});

describe('renderNotification: interpolation is safe', () => {
  const hostile = '<script>alert("x")</script> & \'co\'';

  it('escapes every variable in the HTML part, the tenant name and the admin-given reason included', () => {
    const event = { ...F.lockedByAdmin, data: { ...F.lockedByAdmin.data, reason: hostile } } as NotifiedEvent;
    const { html, text } = renderNotification(event, { ...CTX, tenantName: '<b>Evil</b> Corp' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Evil</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(html).toContain('Hello &lt;b&gt;Evil&lt;/b&gt; Corp,');
    // The text part is not HTML: it carries the words as given.
    expect(text).toContain(`Reason: ${hostile}`);
  });

  it('keeps the subject on one line (no header injection through a variable)', () => {
    const event = { ...F.paymentFailed, data: { ...F.paymentFailed.data, invoiceId: 'in_1\r\nBcc: victim@example.com' } } as NotifiedEvent;
    const { subject } = renderNotification(event, CTX);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('Payment failed for invoice in_1 Bcc: victim@example.com');
  });

  it('does not expand placeholders that arrive inside values', () => {
    const { text } = renderNotification(F.paymentFailed, { ...CTX, tenantName: '{{billingUrl}}' });
    expect(text).toMatch(/^Hello \{\{billingUrl\}\},/);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('refuses an event missing a field its template needs', () => {
    const broken = { ...F.paymentFailed, data: { invoiceId: 'in_1' } } as unknown as NotifiedEvent;
    expect(() => renderNotification(broken, CTX)).toThrow(NotificationDataError);
  });
});
