// The email templates, one per kind of notice (docs/notifications.md). `{{name}}` is replaced by a
// variable of render.ts: as is in the subject (on one line) and the text part, HTML-escaped in the
// HTML part. Every template gets `tenantName` and `billingUrl`; the layout below wraps each body.

export interface EmailTemplate {
  subject: string;
  /** The plain-text body; the text layout adds the greeting and the footer. */
  text: string;
  /** The HTML body (paragraphs); the HTML layout adds the greeting and the footer. */
  html: string;
}

export const TEMPLATE_IDS = [
  'payment_failed', 'trial_ending_soon', 'trial_expired', 'usage_threshold_warning', 'usage_limit_reached',
  'tenant_locked_dunning', 'tenant_locked_admin', 'subscription_cancelled',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const TEXT_LAYOUT = 'Hello {{tenantName}},\n\n{{body}}\n\nYour billing page: {{billingUrl}}\n\n-- \nTenure Billing\n';
export const HTML_LAYOUT = '<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.5">\n'
  + '<p>Hello {{tenantName}},</p>\n{{body}}\n<p><a href="{{billingUrl}}">Open your billing page</a></p>\n'
  + '<p style="color: #666">Tenure Billing</p>\n</body></html>\n';

export const TEMPLATES: Record<TemplateId, EmailTemplate> = {
  payment_failed: {
    subject: 'Payment failed for invoice {{invoiceId}}',
    text: 'We could not collect the payment of {{amount}} for invoice {{invoiceId}} (attempt {{attempt}}).\n'
      + 'Please update your payment method to keep full access to your account.',
    html: '<p>We could not collect the payment of <strong>{{amount}}</strong> for invoice {{invoiceId}} (attempt {{attempt}}).</p>\n'
      + '<p>Please update your payment method to keep full access to your account.</p>',
  },
  trial_ending_soon: {
    subject: 'Your trial ends in {{daysLeft}}',
    text: 'Your trial ends on {{endsAt}}, in {{daysLeft}}. Choose a plan before then to keep your limits.',
    html: '<p>Your trial ends on <strong>{{endsAt}}</strong>, in {{daysLeft}}. Choose a plan before then to keep your limits.</p>',
  },
  trial_expired: {
    subject: 'Your trial has ended',
    text: 'Your trial ended on {{endedAt}}. Your account is now on the {{planId}} plan. Upgrade at any time to get your limits back.',
    html: '<p>Your trial ended on {{endedAt}}. Your account is now on the <strong>{{planId}}</strong> plan. Upgrade at any time to get your limits back.</p>',
  },
  usage_threshold_warning: {
    subject: 'You have used {{threshold}}% of your {{metric}} limit',
    text: 'You have used {{used}} of {{limit}} {{metric}} ({{threshold}}%) in the period that started on {{periodStart}}.',
    html: '<p>You have used <strong>{{used}} of {{limit}}</strong> {{metric}} ({{threshold}}%) in the period that started on {{periodStart}}.</p>',
  },
  usage_limit_reached: {
    subject: 'You have reached your {{metric}} limit',
    text: 'You have used all {{limit}} {{metric}} of the period that started on {{periodStart}}. Upgrade your plan to go on.',
    html: '<p>You have used all <strong>{{limit}}</strong> {{metric}} of the period that started on {{periodStart}}. Upgrade your plan to go on.</p>',
  },
  tenant_locked_dunning: {
    subject: 'Your account is locked: payment overdue',
    text: 'A payment has been overdue since {{pastDueSince}}, so access to your account is locked. Pay the open invoice to unlock it at once.',
    html: '<p>A payment has been overdue since {{pastDueSince}}, so access to your account is <strong>locked</strong>. Pay the open invoice to unlock it at once.</p>',
  },
  tenant_locked_admin: {
    subject: 'Your account has been locked',
    text: 'An administrator locked access to your account {{until}}.\nReason: {{reason}}',
    html: '<p>An administrator locked access to your account {{until}}.</p>\n<p>Reason: {{reason}}</p>',
  },
  subscription_cancelled: {
    subject: 'Your subscription has been cancelled',
    text: 'Your subscription is cancelled and ends on {{cancelAt}}; until then nothing changes. You can reactivate it before that date.\n{{reasonLine}}',
    html: '<p>Your subscription is cancelled and ends on <strong>{{cancelAt}}</strong>; until then nothing changes. You can reactivate it before that date.</p>\n<p>{{reasonLine}}</p>',
  },
};
