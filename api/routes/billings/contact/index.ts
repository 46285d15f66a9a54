import type { FastifyInstance } from 'fastify';
import { contactOf, type BillingContact } from '../../../../domain/lifecycle/contact.js';
import { requireLifecycleState, runLifecycleUpdate } from '../../../../services/lifecycle/lifecycle-client.js';
import { updateContactUpdate } from '../../../../workflows/messages.js';
import { tenantOf } from '../../../plugins/auth.js';
import { contactBody, contactErrors, contactView, secured } from './schemas.js';

// The tenant owner's billing contact (issue 17). The tenant comes from the token. A change is a
// lifecycle update: the workflow updates the Stripe customer (an activity with its idempotency key),
// then its state, the projection and tenant.contact_updated; Stripe's refusal of the tax id is 422.
export default async function contactRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;
  const owner = app.requireRoles('tenant_owner');

  app.get('/billings/contact', { onRequest: owner, schema: { ...secured, response: { 200: contactView, ...contactErrors } } },
    async (req) => contactOf(await requireLifecycleState(deps, tenantOf(req))));

  app.put<{ Body: BillingContact }>('/billings/contact', { onRequest: owner, schema: { ...secured, body: contactBody, response: { 200: contactView, ...contactErrors } } },
    async (req) => {
      const contact: BillingContact = { name: req.body.name, email: req.body.email, address: req.body.address ?? null, taxId: req.body.taxId ?? null };
      return contactOf(await runLifecycleUpdate(deps, tenantOf(req), updateContactUpdate, [contact]));
    });
}
