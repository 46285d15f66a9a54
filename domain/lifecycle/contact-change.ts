// The reducer's step for the updateContact update (the shape was checked by validate(), contact.ts).
import { contactOf, normalizeContact, type BillingContact } from './contact.js';
import { emit, patch, type Step } from './step.js';

/** Applies a new contact (the Stripe customer already has it); no change, no event. */
export function updateContact(step: Step, contact: BillingContact, customerId: string | undefined): void {
  const next = normalizeContact(contact);
  if (customerId !== undefined && step.state.stripe.customerId === null) patch(step, { stripe: { ...step.state.stripe, customerId } });
  if (JSON.stringify(next) === JSON.stringify(contactOf(step.state))) return;
  patch(step, next);
  emit(step, 'tenant.contact_updated', next);
}
