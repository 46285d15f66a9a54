import type { NotifiedEvent } from './notified-events.js';
import { HTML_LAYOUT, TEMPLATES, TEXT_LAYOUT, type TemplateId } from './templates.js';

// Turns a notified billing event into an email: which template, and its variables. Pure: the
// caller supplies the tenant's display name and the billing page URL.

export interface RenderContext {
  /** The tenant's name, or its id when it has none. */
  tenantName: string;
  billingUrl: string;
}

export interface RenderedEmail { template: TemplateId; subject: string; text: string; html: string }

type Vars = Record<string, string>;

/** Thrown when an event lacks a field its template needs (a malformed event, not a bug of ours). */
export class NotificationDataError extends Error {
  override readonly name = 'NotificationDataError';
}

/** Renders the email for an event: subject on one line, text as is, HTML with every variable escaped. */
export function renderNotification(event: NotifiedEvent, ctx: RenderContext): RenderedEmail {
  const { template, vars } = templateOf(event);
  const all: Vars = { ...vars, tenantName: ctx.tenantName, billingUrl: ctx.billingUrl };
  const t = TEMPLATES[template];
  return {
    template,
    subject: oneLine(fill(t.subject, all, (s) => s)),
    text: fill(TEXT_LAYOUT, { ...all, body: fill(t.text, all, (s) => s) }, (s) => s),
    html: fill(HTML_LAYOUT, { ...escapeAll(all), body: fill(t.html, all, escapeHtml) }, (s) => s),
  };
}

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Replaces each `{{name}}` with encode(vars[name]); a name without a variable is a programming error. */
export function fill(template: string, vars: Vars, encode: (s: string) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`template variable ${name} is not set`);
    return encode(value);
  });
}

const escapeAll = (vars: Vars): Vars => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, escapeHtml(v)]));
// A header is one line: control characters (CR, LF, ...) become spaces.
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

function templateOf(event: NotifiedEvent): { template: TemplateId; vars: Vars } {
  const d = event.data as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'payment.failed':
      return { template: 'payment_failed', vars: { invoiceId: str(d, 'invoiceId'), amount: formatAmount(num(d, 'amountDue')), attempt: String(num(d, 'attemptCount')) } };
    case 'trial.ending_soon':
      return { template: 'trial_ending_soon', vars: { endsAt: formatTime(num(d, 'endsAt')), daysLeft: plural(num(d, 'daysLeft'), 'day') } };
    case 'trial.expired':
      return { template: 'trial_expired', vars: { endedAt: formatTime(num(d, 'endedAt')), planId: str(d, 'planId') } };
    case 'usage.threshold_crossed':
      return usageTemplate(d);
    case 'tenant.locked':
      return lockTemplate(d);
    case 'subscription.cancelled': {
      const reason = optionalStr(d, 'reason');
      return { template: 'subscription_cancelled', vars: { cancelAt: formatTime(num(d, 'cancelAt')), reasonLine: reason ? `Reason given: ${reason}` : '' } };
    }
  }
}

function usageTemplate(d: Record<string, unknown>): { template: TemplateId; vars: Vars } {
  const threshold = num(d, 'threshold');
  const vars = { metric: str(d, 'metric'), threshold: String(threshold), used: String(num(d, 'used')), limit: String(num(d, 'limit')), periodStart: formatTime(Date.parse(str(d, 'periodStart'))) };
  return { template: threshold >= 100 ? 'usage_limit_reached' : 'usage_threshold_warning', vars };
}

function lockTemplate(d: Record<string, unknown>): { template: TemplateId; vars: Vars } {
  if (d.source === 'dunning') {
    const since = d.pastDueSince;
    return { template: 'tenant_locked_dunning', vars: { pastDueSince: typeof since === 'number' ? formatTime(since) : 'an earlier date' } };
  }
  if (d.source !== 'admin') throw new NotificationDataError(`tenant.locked has an unknown source ${String(d.source)}`);
  const until = d.lockedUntil;
  return { template: 'tenant_locked_admin', vars: { reason: str(d, 'reason'), until: typeof until === 'number' ? `until ${formatTime(until)}` : 'until it is unlocked' } };
}

function str(d: Record<string, unknown>, key: string): string {
  const v = d[key];
  if (typeof v !== 'string') throw new NotificationDataError(`data.${key} is not a string`);
  return v;
}
function optionalStr(d: Record<string, unknown>, key: string): string | null {
  const v = d[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}
function num(d: Record<string, unknown>, key: string): number {
  const v = d[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new NotificationDataError(`data.${key} is not a number`);
  return v;
}

/** Epoch ms as `2026-12-01 19:40 UTC`. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new NotificationDataError('a time is not a valid date');
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// The payload carries the smallest currency unit and no currency: shown with two decimals.
const formatAmount = (minor: number): string => (minor / 100).toFixed(2);
const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
