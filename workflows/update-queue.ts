import { ApplicationFailure, condition } from '@temporalio/workflow';
import { toFailure, type ErrorCode } from '../domain/errors.js';
import type { LifecycleInput } from '../domain/lifecycle/index.js';

// The lifecycle's inbox: signals and updates in arrival order, one at a time for the reducer. An
// update waits on its ticket until the loop answers it (applied, or refused with a code), as the
// safe-message-handlers sample keeps its message logic apart from the workflow's loop.

export interface Queued { input: LifecycleInput; ticket?: number }
export type Answer = { ok: true } | { ok: false; code: ErrorCode; message: string; details?: unknown };

/** Builds the inbox, starting with the inputs a continue-as-new carried over. */
export function createInbox(carried: LifecycleInput[]) {
  const items: Queued[] = carried.map((input) => ({ input }));
  const answers = new Map<number, Answer>();
  let nextTicket = 1;
  return {
    get size(): number { return items.length; },
    /** A signal's input: nobody waits for it. */
    push(input: LifecycleInput): void { items.push({ input }); },
    next(): Queued | undefined { return items.shift(); },
    /** Queues an update's input and waits for its answer; a refusal leaves as an ApplicationFailure. */
    async submit(input: LifecycleInput): Promise<void> {
      const ticket = nextTicket++;
      items.push({ input, ticket });
      await condition(() => answers.has(ticket));
      const answer = answers.get(ticket)!;
      answers.delete(ticket);
      if (!answer.ok) throw ApplicationFailure.create(toFailure({ code: answer.code, message: answer.message, details: answer.details }));
    },
    answer(ticket: number, answer: Answer): void { answers.set(ticket, answer); },
    /** True while an update waits in line: continue-as-new must not leave it behind. */
    holdsUpdates(): boolean { return items.some((q) => q.ticket !== undefined); },
    /** The inputs to carry over a continue-as-new. */
    carry(): LifecycleInput[] { return items.map((q) => q.input); },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
