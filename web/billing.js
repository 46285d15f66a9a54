// The customer billing page: plan, usage, plans to change to, the billing contact, invoices. It talks to /billings/* and
// /plans with the tenant's bearer token, which the host app passes in the URL fragment
// (#token=...): a fragment never reaches a server or its logs. No framework, no build step.

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('tenure.token');
if (token) { sessionStorage.setItem('tenure.token', token); history.replaceState(null, '', location.pathname); }

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};
const money = (cents, currency = 'usd') => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
const date = (iso) => (iso ? new Date(iso).toLocaleDateString() : '');

function notify(text, isError = false) {
  const n = $('#notice');
  n.textContent = text;
  n.className = isError ? 'error' : '';
  n.hidden = false;
}

async function api(method, path, body) {
  const res = await fetch(path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) throw Object.assign(new Error(data?.error?.message ?? `request failed (${res.status})`), { status: res.status, code: data?.error?.code });
  return data;
}

// A locked tenant (access none) can change nothing: the page shows why, and no buttons.
const isLocked = (sub) => sub.access === 'none';

// A payment the bank wants confirmed (3-D Secure): the link goes to Stripe's hosted invoice page.
function renderPaymentAction(url) {
  const notice = $('#payment-action');
  const safe = typeof url === 'string' && /^https:/.test(url); // never a javascript: or data: link
  if (safe) $('#payment-action-link').setAttribute('href', url);
  notice.hidden = !safe;
}

// The billing contact (tenant owners only: for anyone else GET answers 403 and the form stays hidden).
const CONTACT_FIELDS = { name: '#contact-name', email: '#contact-email', line1: '#contact-line1', line2: '#contact-line2', city: '#contact-city', postalCode: '#contact-postal-code', state: '#contact-state', country: '#contact-country', taxIdType: '#contact-tax-type', taxIdValue: '#contact-tax-value' };
function fillContact(c) {
  const values = { name: c.name, email: c.email, ...(c.address ?? {}), taxIdType: c.taxId?.type, taxIdValue: c.taxId?.value };
  for (const [field, sel] of Object.entries(CONTACT_FIELDS)) $(sel).value = values[field] ?? '';
  $('#contact').hidden = false;
}
function contactBody() {
  const v = Object.fromEntries(Object.entries(CONTACT_FIELDS).map(([field, sel]) => [field, ($(sel).value ?? '').trim()]));
  const hasAddress = v.line1 || v.city || v.postalCode || v.country;
  const address = hasAddress ? { line1: v.line1, line2: v.line2 || null, city: v.city, postalCode: v.postalCode, state: v.state || null, country: v.country.toUpperCase() } : null;
  const taxId = v.taxIdType || v.taxIdValue ? { type: v.taxIdType, value: v.taxIdValue } : null;
  return { name: v.name, email: v.email, address, taxId };
}
async function saveContact(event) {
  event.preventDefault();
  const error = $('#contact-error');
  error.hidden = true;
  try {
    fillContact(await api('PUT', '/billings/contact', contactBody()));
    notify('Billing contact saved.');
  } catch (e) {
    error.textContent = e.code === 'TAX_ID_INVALID' ? 'The tax id was not accepted: check its type and number.' : e.message;
    error.hidden = false;
  }
}
// A locked tenant changes nothing here, its billing contact included: the form stays hidden.
async function loadContact(sub) {
  if (isLocked(sub)) { $('#contact').hidden = true; return; }
  try { fillContact(await api('GET', '/billings/contact')); } catch (e) {
    $('#contact').hidden = true;
    if (e.status !== 403) notify(e.message, true);
  }
}

function renderPlan(sub) {
  const section = $('#plan');
  section.replaceChildren($('#plan-title'));
  section.append(el('p', {}, el('strong', {}, sub.plan.name), ` - ${sub.subscription ? sub.subscription.status : sub.trial ? 'trial' : 'free'}`));
  if (sub.trial) section.append(el('p', {}, `Trial: ${sub.trial.daysLeft} day(s) left (ends ${date(sub.trial.endsAt)}).`));
  if (sub.warning === 'payment_past_due' && !sub.paymentActionUrl) section.append(el('p', { class: 'warn' }, 'Your last payment failed. Update your card to keep full access.'));
  if (sub.access !== 'full') section.append(el('p', { class: 'error' }, sub.access === 'read_only' ? 'Your account is read-only until the invoice is paid.' : 'Your account is locked. Contact support.'));
  if (isLocked(sub)) return;
  if (sub.pendingChange) section.append(el('p', {}, `Changing to ${sub.pendingChange.planName} on ${date(sub.pendingChange.effectiveAt)}. `, el('button', { type: 'button', onclick: () => act('DELETE', '/billings/subscription/downgrade', null, 'Scheduled change cancelled.') }, 'Keep my plan')));
  if (sub.subscription?.cancelAtPeriodEnd) section.append(el('p', {}, `Cancels on ${date(sub.subscription.currentPeriodEnd)}. `, el('button', { type: 'button', class: 'primary', onclick: () => act('POST', '/billings/subscription/reactivate', null, 'Subscription reactivated.') }, 'Reactivate')));
  else if (sub.subscription && sub.subscription.status !== 'canceled') section.append(el('button', { type: 'button', onclick: cancel }, 'Cancel subscription'));
}

function renderUsage(usage) {
  const section = $('#usage');
  section.replaceChildren($('#usage-title'));
  for (const m of usage.metrics ?? []) {
    const name = m.metric.replaceAll('_', ' ');
    // A read limit (a cap Tenure only reports) is shown, not counted.
    if (m.used === null || m.used === undefined) { section.append(el('p', {}, `${name}: up to ${m.limit ?? 'unlimited'}`)); continue; }
    const pct = m.limit ? Math.min(100, Math.round((m.used / m.limit) * 100)) : 0;
    const fill = el('span', { class: pct >= 100 ? 'full' : pct >= 80 ? 'high' : '' });
    fill.style.width = `${pct}%`; // set through the CSSOM: the CSP forbids inline style attributes
    section.append(el('div', {}, `${name}: ${m.used} / ${m.limit ?? 'unlimited'}`, el('div', { class: 'bar' }, fill)));
  }
}

// Monthly or yearly billing: the toggle starts at the subscription's own interval, and every
// checkout, upgrade and downgrade asks for the interval it shows (a plan without an annual price bills monthly).
let interval = null;
const hasAnnual = (plan) => plan.priceAnnualCents !== null && plan.priceAnnualCents !== undefined && plan.priceMonthlyCents > 0;
const intervalFor = (plan) => (interval === 'year' && hasAnnual(plan) ? 'year' : 'month');

function intervalToggle(catalog, sub) {
  // A locked tenant is offered no plan change, so no interval to choose either.
  if (isLocked(sub) || !(catalog.plans ?? []).some(hasAnnual)) return null;
  const option = (value, label) => el('button', { type: 'button', id: `interval-${value}`, 'aria-pressed': String(interval === value), class: interval === value ? 'primary' : '', onclick: () => { interval = value; renderPlans(catalog, sub); } }, label);
  return el('div', { class: 'interval', role: 'group', 'aria-label': 'Billing interval' }, option('month', 'Monthly'), option('year', 'Yearly'));
}

// The price at the chosen interval; yearly, with what it saves against twelve monthly payments.
function priceText(plan) {
  if (intervalFor(plan) === 'month') return el('p', {}, `${money(plan.priceMonthlyCents, plan.currency)} / month`, interval === 'year' && plan.priceMonthlyCents > 0 ? ' (monthly only)' : null);
  const savings = plan.annualSavings;
  const saved = savings && savings.amountCents > 0 ? el('span', { class: 'savings' }, ` - save ${money(savings.amountCents, plan.currency)} (${savings.percent}%)`) : null;
  return el('p', {}, `${money(plan.priceAnnualCents, plan.currency)} / year`, saved);
}

function planButton(plan, sub, currentRank) {
  if (plan.id === sub.plan.id) return el('p', { class: 'muted' }, 'Current plan');
  if (plan.priceMonthlyCents === 0 || isLocked(sub)) return null;
  // An invoiced (enterprise) plan is set up by the account team, not bought by card here.
  if (plan.manualInvoicing) return el('p', { class: 'muted' }, 'Invoiced: ask your account manager');
  const live = sub.subscription && !['canceled', 'incomplete_expired'].includes(sub.subscription.status);
  const chosen = intervalFor(plan);
  if (!live) return el('button', { type: 'button', class: 'primary', onclick: () => checkout(plan.id, chosen) }, 'Subscribe');
  return plan.rank > currentRank
    ? el('button', { type: 'button', class: 'primary', onclick: () => upgrade(plan.id, chosen) }, 'Upgrade')
    : el('button', { type: 'button', onclick: () => act('POST', '/billings/subscription/downgrade', { planId: plan.id, interval: chosen }, `Downgrade to ${plan.name} scheduled for the end of the period.`) }, 'Downgrade');
}

function renderPlans(catalog, sub) {
  const section = $('#plans');
  section.replaceChildren($('#plans-title'));
  interval ??= sub.subscription?.interval ?? 'month';
  const toggle = intervalToggle(catalog, sub);
  if (toggle) section.append(toggle);
  const grid = el('div', { class: 'grid' });
  const currentRank = (catalog.plans ?? []).find((p) => p.id === sub.plan.id)?.rank ?? 0;
  for (const plan of catalog.plans ?? []) {
    const recommended = plan.id === catalog.recommendation?.planId && plan.id !== sub.plan.id;
    const classes = ['card', plan.id === sub.plan.id ? 'current' : '', recommended ? 'recommended' : ''].join(' ');
    grid.append(el('div', { class: classes }, el('strong', {}, plan.name), recommended ? el('p', { class: 'muted' }, 'Recommended for your usage') : null,
      priceText(plan), planButton(plan, sub, currentRank)));
  }
  section.append(grid);
  const comparison = comparisonTable(catalog);
  // Its own horizontal scroll on a narrow screen, so the page itself never overflows.
  if (comparison) section.append(el('div', { class: 'scroll' }, comparison));
}

// The side-by-side comparison of GET /plans: one row per catalog feature (`entitlements`) when the
// server sends them, else the older per-metric limits; then the plans' display features. Labels come
// from the server (a feature's name), so the page names no feature itself.
const included = () => el('span', { class: 'included', 'aria-label': 'Included' }, '\u2713');
const excluded = () => el('span', { class: 'excluded', 'aria-label': 'Not included' }, '\u2014');
const limitText = (limit, unit) => (limit === null ? 'Unlimited' : `${limit.toLocaleString()}${unit ? ` ${unit}` : ''}`);

function entitlementCell(row, value) {
  if (row.kind === 'boolean') return value === true ? included() : excluded();
  return value === 0 ? excluded() : limitText(value, row.unit);
}

function comparisonRows(comparison) {
  const features = Array.isArray(comparison.entitlements)
    ? comparison.entitlements.map((row) => ({ label: row.name, cells: row.values.map((v) => entitlementCell(row, v)) }))
    : (comparison.metrics ?? []).map((row) => ({ label: row.metric.replaceAll('_', ' '), cells: row.limits.map((v) => (v === 0 ? excluded() : limitText(v))) }));
  const display = (comparison.features ?? []).map((row) => ({ label: row.feature, cells: row.included.map((yes) => (yes ? included() : excluded())) }));
  return [...features, ...display];
}

function comparisonTable(catalog) {
  const comparison = catalog.comparison;
  if (!comparison?.planIds?.length) return null;
  const rows = comparisonRows(comparison);
  if (rows.length === 0) return null;
  const nameOf = (id) => (catalog.plans ?? []).find((p) => p.id === id)?.name ?? id;
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Feature'), ...comparison.planIds.map((id) => el('th', { scope: 'col' }, nameOf(id))));
  const body = rows.map((row) => el('tr', {}, el('th', { scope: 'row' }, row.label), ...row.cells.map((c) => el('td', {}, c))));
  return el('table', { class: 'comparison' }, el('caption', {}, 'Compare plans'), el('thead', {}, head), el('tbody', {}, ...body));
}

function renderInvoices(list, sub) {
  const section = $('#invoices');
  const table = el('table', {}, el('tr', {}, el('th', {}, 'Date'), el('th', {}, 'Amount'), el('th', {}, 'Status'), el('th', {}, '')));
  for (const inv of list.invoices ?? []) {
    table.append(el('tr', {}, el('td', {}, date(inv.createdAt)), el('td', {}, money(inv.total, inv.currency)), el('td', {}, inv.status ?? ''),
      el('td', {}, isLocked(sub) ? null : el('button', { type: 'button', onclick: () => openPdf(inv.id) }, 'PDF'))));
  }
  section.querySelector('table')?.remove();
  section.append(table);
}

async function act(method, path, body, done) {
  try { await api(method, path, body); notify(done); await load(); } catch (e) { notify(e.message, true); }
}
async function cancel() {
  const reason = prompt('Why are you cancelling? (optional)') ?? '';
  await act('POST', '/billings/subscription/cancel', reason ? { reason } : {}, 'Your subscription will end at the end of the period.');
}
async function upgrade(planId, chosen) {
  try {
    const preview = await api('POST', '/billings/subscription/upgrade/preview', { planId, interval: chosen });
    if (!confirm(`Upgrade now? You will be charged ${money(preview.amountDue, preview.currency)} today (prorated).`)) return;
    await act('POST', '/billings/subscription/upgrade', { planId, interval: chosen }, 'Upgraded.');
  } catch (e) { notify(e.message, true); }
}
async function checkout(planId, chosen) {
  try { location.assign((await api('POST', '/billings/subscription/checkout', { planId, interval: chosen, successUrl: location.href, cancelUrl: location.href })).url); } catch (e) { notify(e.message, true); }
}
async function openPdf(id) {
  try { window.open((await api('GET', `/billings/invoices/${id}/pdf`)).url, '_blank', 'noopener'); } catch (e) { notify(e.message, true); }
}

async function load() {
  const sub = await api('GET', '/billings/subscription');
  renderPlan(sub);
  $('#portal').hidden = isLocked(sub);
  renderPaymentAction(sub.paymentActionUrl);
  const [usage, catalog, invoices] = await Promise.allSettled([api('GET', '/billings/usage'), api('GET', '/plans'), api('GET', '/billings/invoices?limit=12'), loadContact(sub)]);
  if (usage.status === 'fulfilled') renderUsage(usage.value);
  if (catalog.status === 'fulfilled') renderPlans(catalog.value, sub);
  if (invoices.status === 'fulfilled') renderInvoices(invoices.value, sub);
}

$('#contact-form').addEventListener('submit', saveContact);
$('#portal').addEventListener('click', async () => {
  try { location.assign((await api('POST', '/billings/portal', { returnUrl: location.href })).url); } catch (e) { notify(e.message, true); }
});
if (!token) notify('Open this page from your account, which signs you in (no billing token was given).', true);
else load().catch((e) => notify(e.message, true));
