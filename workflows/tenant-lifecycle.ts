import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo, log,
} from '@temporalio/workflow';
import { initialState, nextDeadline, reduce, validate, type Command, type LifecycleInput, type TenantState } from '../domain/lifecycle/index.js';
import {
  adminActionSignal, adminUpdate, cancelPendingChangeUpdate, cancelUpdate, changePlanUpdate, reactivateUpdate, registerUpdate,
  stateQuery, stripeEventSignal, type TenantLifecycleArgs,
} from './messages.js';
import { runCommands } from './run-commands.js';
import { callStripeFor } from './stripe-steps.js';
import { upsertVisibility } from './search-attributes.js';
import { toUpdateInput, type UpdateRequest } from './update-inputs.js';

// The interpreter: take the next input, run the pure reducer, execute its commands through
// activities, then wait for new input or the next deadline. All rules live in domain/lifecycle.

interface Queued { input: LifecycleInput; ticket?: number }
type Answer = { ok: true } | { ok: false; code: string; message: string; details?: unknown };

/** The update's answer when its Stripe call failed for good. */
function stripeRefusal(e: unknown): Answer {
  const cause = e instanceof ActivityFailure ? e.cause : e;
  const message = cause instanceof Error ? cause.message : 'the Stripe call failed';
  return { ok: false, code: cause instanceof ApplicationFailure && cause.type === 'STRIPE_ERROR' ? 'STRIPE_ERROR' : 'DEPENDENCY_UNAVAILABLE', message };
}

export async function tenantLifecycle(args: TenantLifecycleArgs): Promise<void> {
  const inbox: Queued[] = (args.carried?.inbox ?? []).map((input) => ({ input }));
  const answers = new Map<number, Answer>();
  let nextTicket = 1;
  let initialized = false;
  let state: TenantState;
  let pending: Command[] = [];
  if (args.carried) {
    state = args.carried.state;
  } else {
    ({ state, commands: pending } = initialState({ ...args, now: Date.now() }));
  }

  // Handlers are registered before the first await. Updates validate synchronously, then queue
  // behind earlier input, so the reducer sees one input at a time in arrival order.
  setHandler(stateQuery, () => state);
  setHandler(stripeEventSignal, (event) => void inbox.push({ input: { kind: 'stripe', event } }));
  setHandler(adminActionSignal, (action) => void inbox.push({ input: { kind: 'admin', action } }));
  setHandler(registerUpdate, async () => {
    await condition(() => initialized);
    return state;
  });
  const enqueue = async (request: UpdateRequest): Promise<TenantState> => {
    const ticket = nextTicket++;
    inbox.push({ input: toUpdateInput(request), ticket });
    await condition(() => answers.has(ticket));
    const answer = answers.get(ticket)!;
    answers.delete(ticket);
    if (!answer.ok) throw ApplicationFailure.create({ type: answer.code, message: answer.message, nonRetryable: true, details: answer.details === undefined ? [] : [answer.details] });
    return state;
  };
  const validator = (request: UpdateRequest) => {
    const err = validate(state, toUpdateInput(request));
    if (err) throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true, details: err.details ? [err.details] : [] });
  };
  setHandler(changePlanUpdate, (input) => enqueue({ kind: 'changePlan', input }), { validator: (input) => validator({ kind: 'changePlan', input }) });
  setHandler(cancelUpdate, (input) => enqueue({ kind: 'cancel', input }), { validator: (input) => validator({ kind: 'cancel', input }) });
  setHandler(reactivateUpdate, () => enqueue({ kind: 'reactivate' }), { validator: () => validator({ kind: 'reactivate' }) });
  setHandler(cancelPendingChangeUpdate, () => enqueue({ kind: 'cancelPendingChange' }), { validator: () => validator({ kind: 'cancelPendingChange' }) });
  setHandler(adminUpdate, (action) => enqueue({ kind: 'admin', action }), { validator: (action) => validator({ kind: 'admin', action }) });

  let visibility = upsertVisibility(state, null);
  await runCommands(pending, state);
  initialized = true;

  for (;;) {
    const deadline = nextDeadline(state);
    const wake = deadline == null ? undefined : deadline - Date.now();
    if (wake === undefined || wake > 0) {
      await condition(() => inbox.length > 0 || workflowInfo().continueAsNewSuggested, wake);
    }

    const item = inbox.shift();
    let input: LifecycleInput = item ? item.input : { kind: 'tick' };
    if (item?.ticket !== undefined) {
      // Re-check against the current state: earlier input may have changed it since validation.
      const err = validate(state, item.input);
      if (err) {
        answers.set(item.ticket, { ok: false, code: err.code, message: err.message, details: err.details });
        continue;
      }
      try {
        input = await callStripeFor(state, item.input);
      } catch (e) {
        answers.set(item.ticket, stripeRefusal(e));
        continue;
      }
    }
    const result = reduce(state, input, Date.now());
    state = result.state;
    visibility = upsertVisibility(state, visibility);
    await runCommands(result.commands, state);
    const periodRolled = result.commands.some((c) => c.type === 'resetUsage');
    if (item?.ticket !== undefined) answers.set(item.ticket, { ok: true });

    if ((periodRolled || workflowInfo().continueAsNewSuggested) && inbox.every((q) => q.ticket === undefined)) {
      await condition(allHandlersFinished);
      log.info('continuing as new', { tenantId: state.tenantId, version: state.version, periodRolled });
      await continueAsNew<typeof tenantLifecycle>({ ...args, carried: { state, inbox: inbox.map((q) => q.input) } });
    }
  }
}
