import { describe, expect, it } from 'vitest';
import { parseUsageEvent } from '../../../domain/usage/usage-event.js';

const valid = { id: 'ev-1', tenantId: 'acme', metric: 'email_sends', amount: 3, occurredAt: '2026-11-21T10:00:00Z' };
const parse = (v: unknown) => parseUsageEvent(typeof v === 'string' ? v : JSON.stringify(v));

describe('usage event', () => {
  it('accepts a valid event, amount defaulting to 1', () => {
    expect(parse(valid)).toEqual({ ok: true, event: valid });
    const { amount: _a, ...noAmount } = valid;
    expect(parse(noAmount)).toEqual({ ok: true, event: { ...valid, amount: 1 } });
  });

  it('says why an event is invalid', () => {
    const cases: [unknown, string][] = [
      ['{', 'not valid JSON'],
      [[valid], 'not a JSON object'],
      [{ ...valid, id: '' }, 'id must be a string of 1-200 characters'],
      [{ ...valid, tenantId: 'has space' }, 'tenantId is missing or malformed'],
      [{ ...valid, metric: 'Gold!' }, 'metric Gold! is not a feature key'],
      [{ ...valid, metric: 7 }, 'metric 7 is not a feature key'],
      [{ ...valid, amount: 0 }, 'amount must be an integer from 1 to 1000000'],
      [{ ...valid, amount: '3' }, 'amount must be an integer from 1 to 1000000'],
      [{ ...valid, occurredAt: 'yesterday' }, 'occurredAt must be an ISO-8601 date-time'],
    ];
    for (const [input, reason] of cases) expect(parse(input)).toEqual({ ok: false, reason });
    expect(parseUsageEvent(null)).toEqual({ ok: false, reason: 'empty message' });
  });
});
