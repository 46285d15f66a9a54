// JSON Schema of GET /billings/usage (built by services/usage/usage-report.ts).
const nullableInt = { type: ['integer', 'null'] } as const;

export const usageReportSchema = {
  type: 'object',
  required: ['tenantId', 'planId', 'period', 'metrics'],
  properties: {
    tenantId: { type: 'string' },
    planId: { type: 'string' },
    period: {
      anyOf: [{ type: 'null' }, { type: 'object', required: ['start', 'end'], properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' } } }],
    },
    metrics: {
      type: 'array',
      items: {
        type: 'object',
        required: ['metric', 'kind', 'used', 'limit', 'percent', 'history', 'trend', 'projection'],
        properties: {
          metric: { type: 'string' },
          kind: { type: 'string', enum: ['gauge', 'monthly', 'read'] },
          used: nullableInt,
          limit: nullableInt,
          percent: { type: ['number', 'null'] },
          history: {
            type: 'array',
            items: { type: 'object', required: ['periodStart', 'used', 'limit'], properties: { periodStart: { type: 'string', format: 'date-time' }, used: { type: 'integer' }, limit: nullableInt } },
          },
          trend: { anyOf: [{ type: 'null' }, { type: 'string', enum: ['up', 'down', 'flat'] }] },
          projection: nullableInt,
        },
      },
    },
  },
} as const;
