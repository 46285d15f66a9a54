import type { ErrorCode } from '../../../domain/errors.js';
import type { TestRole } from '../../support/tokens.js';

// What each role-gated route answers an allowed caller for the one call the matrix test sends: the
// route's URL from concreteUrl (the registered tenant, ids and keys nobody has), an empty JSON body on
// POST, PUT and PATCH, no body on GET and DELETE. The tenant is just registered: on its trial, with no
// subscription, and its Stripe calls go to stripe-mock, whose answers are fixed. The test calls the
// routes in /openapi.json order, so an answer may rest on an earlier call (DELETE /admin/plans/{id}
// comes after GET). A 4xx names its error code. Every role-gated route is listed; a route whose
// allowed roles get different answers lists each role.
export type Answer = 200 | 201 | 204 | `${400 | 404 | 409} ${ErrorCode}`;

const INVALID = '400 VALIDATION_FAILED';

export const ROUTE_ANSWERS: Record<string, Answer | Partial<Record<TestRole, Answer>>> = {
  'POST /tenants': INVALID,
  'GET /billings/subscription': 200,
  'POST /billings/subscription/checkout': INVALID,
  'POST /billings/subscription/upgrade/preview': INVALID,
  'POST /billings/subscription/upgrade': INVALID,
  'POST /billings/subscription/downgrade': INVALID,
  'DELETE /billings/subscription/downgrade': '409 NO_PENDING_CHANGE',
  'POST /billings/subscription/cancel': '409 NO_SUBSCRIPTION',
  'POST /billings/subscription/reactivate': '409 NO_SUBSCRIPTION',
  // The body is optional; stripe-mock makes the customer and the SetupIntent.
  'POST /billings/payment-methods': 200,
  'GET /billings/payment-methods': 200,
  // stripe-mock finds pm_123 on any customer, so the ownership check passes.
  'DELETE /billings/payment-methods/{id}': 204,
  'POST /billings/payment-methods/{id}/default': 204,
  'GET /billings/invoices': 200,
  'GET /billings/invoices/upcoming': '409 NO_SUBSCRIPTION',
  'GET /billings/invoices/{id}/pdf': '404 NOT_FOUND',
  'POST /billings/portal': INVALID,
  'GET /billings/usage': 200,
  'GET /billings/contact': 200,
  'PUT /billings/contact': INVALID,
  'GET /admin/tenants': 200,
  'GET /admin/tenants/{id}': 200,
  'POST /admin/tenants/{id}/suspend': INVALID,
  // Needs no body: refused because the tenant is not suspended.
  'POST /admin/tenants/{id}/unsuspend': '409 INVALID_TRANSITION',
  'POST /admin/tenants/{id}/lock': INVALID,
  'POST /admin/tenants/{id}/unlock': INVALID,
  'POST /admin/tenants/{id}/trial/extend': INVALID,
  'POST /admin/tenants/{id}/limits/override': INVALID,
  'POST /admin/tenants/{id}/features/{key}/override': INVALID,
  // The body (reason, password) is optional in the handler's type, but Fastify validates an absent body
  // against the schema too: "body must be object", before the password check (REAUTH_FAILED) is reached.
  'DELETE /admin/tenants/{id}/features/{key}/override': INVALID,
  'POST /admin/tenants/{id}/discount': INVALID,
  'POST /admin/tenants/{id}/preview': INVALID,
  'POST /admin/tenants/{id}/close': INVALID,
  'POST /admin/tenants/{id}/plan': INVALID,
  // Needs no body: refused because the tenant is open (the close above lacked its fields).
  'POST /admin/tenants/{id}/erase': '409 TENANT_NOT_CLOSED',
  'GET /admin/plans': 200,
  'POST /admin/plans': INVALID,
  // Pushes the catalog to stripe-mock.
  'POST /admin/plans/sync': 200,
  'GET /admin/plans/{id}': 200,
  'PUT /admin/plans/{id}': INVALID,
  'PATCH /admin/plans/{id}': INVALID,
  'POST /admin/plans/{id}/migrations': INVALID,
  // No migration has the id.
  'GET /admin/migrations/{id}': '404 NOT_FOUND',
  'POST /admin/migrations/{id}/pause': '404 NOT_FOUND',
  'POST /admin/migrations/{id}/resume': '404 NOT_FOUND',
  'POST /admin/migrations/{id}/cancel': '404 NOT_FOUND',
  'DELETE /admin/plans/{id}': 204,
  'GET /admin/features': 200,
  'POST /admin/features': INVALID,
  'GET /admin/features/{key}': '404 NOT_FOUND',
  'PUT /admin/features/{key}': INVALID,
  'DELETE /admin/features/{key}': '404 NOT_FOUND',
  'POST /admin/webhook-endpoints': INVALID,
  'GET /admin/webhook-endpoints': 200,
  'GET /admin/webhook-endpoints/{id}': '404 NOT_FOUND',
  'PATCH /admin/webhook-endpoints/{id}': INVALID,
  'DELETE /admin/webhook-endpoints/{id}': '404 NOT_FOUND',
  'POST /admin/webhook-endpoints/{id}/rotate-secret': '404 NOT_FOUND',
  'GET /admin/webhook-endpoints/{id}/deliveries': '404 NOT_FOUND',
  'GET /internal/tenants/{id}/status': 200,
  'POST /internal/tenants/{id}/usage/consume': INVALID,
  'POST /internal/tenants/{id}/usage/release': INVALID,
  'GET /internal/tenants/{id}/usage': 200,
  'GET /internal/tenants/{id}/entitlements': 200,
  // An unknown key is off, not missing.
  'GET /internal/tenants/{id}/features/{key}': 200,
};

/** The answer `role` (one the route allows) gets from the matrix's call; throws when the table has none. */
export function expectedAnswer(route: string, role: TestRole): { status: number; code: ErrorCode | null } {
  const entry = ROUTE_ANSWERS[route];
  const answer = typeof entry === 'object' ? entry[role] : entry;
  if (answer === undefined) throw new Error(`ROUTE_ANSWERS has no answer for ${route} as ${role}`);
  if (typeof answer === 'number') return { status: answer, code: null };
  const [status, code] = answer.split(' ') as [string, ErrorCode];
  return { status: Number(status), code };
}
