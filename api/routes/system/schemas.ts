
// JSON Schemas of the system routes.
export const check = { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] }, latencyMs: { type: 'number' }, error: { type: 'string' } }, required: ['status', 'latencyMs'] };
