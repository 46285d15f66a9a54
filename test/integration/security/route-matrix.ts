import type { TestRole } from '../../support/tokens.js';

// Who may call each route. Every route of /openapi.json must be listed here: a new route that is
// not classified fails the matrix test, so its access rule is decided on purpose.
export type Access = 'public' | 'stripe' | TestRole[];

const TENANT: TestRole[] = ['tenant_user', 'tenant_owner'];
const OWNER: TestRole[] = ['tenant_owner'];
const ADMIN: TestRole[] = ['platform_admin'];
const SERVICE: TestRole[] = ['service'];

export const ROUTE_ACCESS: Record<string, Access> = {
  'GET /healthz': 'public', 'GET /readyz': 'public', 'GET /metrics': 'public', 'GET /plans': 'public',
  'GET /billing': 'public', 'GET /billing/billing.js': 'public', 'GET /billing/billing.css': 'public',
  'POST /webhooks/stripe': 'stripe', 'POST /api/v1/webhook/stripe': 'stripe',
  'POST /tenants': ['service', 'platform_admin'],
  'GET /billings/subscription': TENANT,
  'POST /billings/subscription/checkout': OWNER,
  'POST /billings/subscription/upgrade/preview': OWNER,
  'POST /billings/subscription/upgrade': OWNER,
  'POST /billings/subscription/downgrade': OWNER,
  'DELETE /billings/subscription/downgrade': OWNER,
  'POST /billings/subscription/cancel': OWNER,
  'POST /billings/subscription/reactivate': OWNER,
  'POST /billings/payment-methods': OWNER,
  'GET /billings/payment-methods': OWNER,
  'DELETE /billings/payment-methods/{id}': OWNER,
  'POST /billings/payment-methods/{id}/default': OWNER,
  'GET /billings/invoices': TENANT,
  'GET /billings/invoices/upcoming': TENANT,
  'GET /billings/invoices/{id}/pdf': TENANT,
  'POST /billings/portal': OWNER,
  'GET /billings/contact': OWNER,
  'PUT /billings/contact': OWNER,
  'GET /billings/usage': TENANT,
  'GET /admin/tenants': ADMIN,
  'GET /admin/tenants/{id}': ADMIN,
  'POST /admin/tenants/{id}/suspend': ADMIN,
  'POST /admin/tenants/{id}/unsuspend': ADMIN,
  'POST /admin/tenants/{id}/lock': ADMIN,
  'POST /admin/tenants/{id}/unlock': ADMIN,
  'POST /admin/tenants/{id}/trial/extend': ADMIN,
  'POST /admin/tenants/{id}/limits/override': ADMIN,
  'POST /admin/tenants/{id}/features/{key}/override': ADMIN,
  'DELETE /admin/tenants/{id}/features/{key}/override': ADMIN,
  'POST /admin/tenants/{id}/discount': ADMIN,
  'POST /admin/tenants/{id}/preview': ADMIN,
  'POST /admin/tenants/{id}/close': ADMIN,
  'POST /admin/tenants/{id}/plan': ADMIN,
  'POST /admin/tenants/{id}/erase': ADMIN,
  'GET /admin/plans': ADMIN,
  'POST /admin/plans': ADMIN,
  'POST /admin/plans/sync': ADMIN,
  'GET /admin/plans/{id}': ADMIN,
  'PUT /admin/plans/{id}': ADMIN,
  'PATCH /admin/plans/{id}': ADMIN,
  'POST /admin/plans/{id}/migrations': ADMIN,
  'GET /admin/migrations/{id}': ADMIN,
  'POST /admin/migrations/{id}/pause': ADMIN,
  'POST /admin/migrations/{id}/resume': ADMIN,
  'POST /admin/migrations/{id}/cancel': ADMIN,
  'DELETE /admin/plans/{id}': ADMIN,
  'GET /admin/features': ADMIN,
  'POST /admin/features': ADMIN,
  'GET /admin/features/{key}': ADMIN,
  'PUT /admin/features/{key}': ADMIN,
  'DELETE /admin/features/{key}': ADMIN,
  'POST /admin/webhook-endpoints': ADMIN,
  'GET /admin/webhook-endpoints': ADMIN,
  'GET /admin/webhook-endpoints/{id}': ADMIN,
  'PATCH /admin/webhook-endpoints/{id}': ADMIN,
  'DELETE /admin/webhook-endpoints/{id}': ADMIN,
  'POST /admin/webhook-endpoints/{id}/rotate-secret': ADMIN,
  'GET /admin/webhook-endpoints/{id}/deliveries': ADMIN,
  'GET /internal/tenants/{id}/status': SERVICE,
  'POST /internal/tenants/{id}/usage/consume': SERVICE,
  'POST /internal/tenants/{id}/usage/release': SERVICE,
  'GET /internal/tenants/{id}/usage': SERVICE,
  'GET /internal/tenants/{id}/entitlements': SERVICE,
  'GET /internal/tenants/{id}/features/{key}': SERVICE,
};

export const UNKNOWN_WEBHOOK_ENDPOINT = `we_${'0'.repeat(32)}`;

export const ALL_ROLES: TestRole[] = ['tenant_user', 'tenant_owner', 'platform_admin', 'service'];

/** A concrete URL for a route template: ids that match each route's parameter pattern. */
export function concreteUrl(template: string, tenantId: string): string {
  if (template.includes('payment-methods/{id}')) return template.replace('{id}', 'pm_123');
  if (template.includes('invoices/{id}')) return template.replace('{id}', 'in_123');
  if (template.includes('plans/{id}')) return template.replace('{id}', 'growth');
  // An endpoint id no endpoint has: an allowed caller gets past auth to a 404.
  if (template.startsWith('/admin/webhook-endpoints/{id}')) return template.replace('{id}', UNKNOWN_WEBHOOK_ENDPOINT);
  // A key no feature has (in the catalog or in a tenant's overrides), so the seed catalog stays whole.
  return template.replace('{key}', 'matrix_probe').replace('{id}', tenantId);
}
