import type { AdminAction, LifecycleInput } from '../domain/lifecycle/index.js';
import type { CancelInput, ChangePlanInput, MigratePlanInput, UpdateContactInput } from './messages.js';

// Maps an update's arguments to the reducer input it stands for.
export type UpdateRequest =
  | { kind: 'changePlan'; input: ChangePlanInput }
  | { kind: 'cancel'; input: CancelInput }
  | { kind: 'reactivate' }
  | { kind: 'cancelPendingChange' }
  | { kind: 'admin'; action: AdminAction }
  | { kind: 'updateContact'; input: UpdateContactInput }
  | { kind: 'migratePlan'; input: MigratePlanInput };

export function toUpdateInput(request: UpdateRequest): LifecycleInput {
  switch (request.kind) {
    case 'changePlan': return { kind: 'changePlan', ...request.input };
    case 'cancel': return { kind: 'cancel', reason: request.input.reason };
    case 'reactivate': return { kind: 'reactivate' };
    case 'cancelPendingChange': return { kind: 'cancelPendingChange' };
    case 'admin': return { kind: 'admin', action: request.action };
    case 'updateContact': return { kind: 'updateContact', contact: request.input };
    case 'migratePlan': return { kind: 'migratePlan', ...request.input };
  }
}
