// JSON Schema of the webhook's answer.
export const okSchema = {
  type: 'object',
  required: ['received', 'outcome'],
  properties: { received: { type: 'boolean' }, outcome: { type: 'string', enum: ['forwarded', 'orphan', 'ignored', 'duplicate'] } },
};
