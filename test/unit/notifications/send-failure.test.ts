import { describe, expect, it } from 'vitest';
import { parseNotifiedEvent } from '../../../domain/notifications/notified-events.js';
import { classifySendFailure } from '../../../domain/notifications/send-failure.js';
import { NOTIFIED_FIXTURES as F } from './fixtures.js';

describe('classifySendFailure: when a failed send may be tried again', () => {
  it.each([
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'retry'],
    [{ code: 'EDNS', originalCode: 'ENOTFOUND' }, 'retry'],
    [{ code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' }, 'retry'],
    [{ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }, 'retry'],
    [{ code: 'EAUTH', responseCode: 535 }, 'retry'],
    [{ code: 'EAUTH' }, 'retry'],
    [{ code: 'EENVELOPE', responseCode: 421 }, 'retry'],
    [{ code: 'EMESSAGE', responseCode: 452 }, 'retry'],
    [{ code: 'EENVELOPE', responseCode: 550 }, 'rejected'],
    [{ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }, 'unknown'],
    [{ code: 'ECONNECTION' }, 'unknown'],
    [{}, 'unknown'],
  ] as const)('%j is %s', (err, kind) => {
    expect(classifySendFailure(err)).toBe(kind);
  });
});

describe('parseNotifiedEvent: which billing.events messages the notifier acts on', () => {
  it('takes a notified event, ignores the other types and names what is wrong with a broken one', () => {
    expect(parseNotifiedEvent(JSON.stringify(F.paymentFailed))).toEqual({ kind: 'notify', event: F.paymentFailed });
    expect(parseNotifiedEvent(JSON.stringify({ ...F.paymentFailed, type: 'tenant.created' }))).toEqual({ kind: 'ignore', type: 'tenant.created' });
    expect(parseNotifiedEvent(null)).toEqual({ kind: 'invalid', reason: 'empty message' });
    expect(parseNotifiedEvent('{')).toEqual({ kind: 'invalid', reason: 'not valid JSON' });
    expect(parseNotifiedEvent('[1]')).toEqual({ kind: 'invalid', reason: 'not a JSON object' });
    expect(parseNotifiedEvent(JSON.stringify({ ...F.paymentFailed, id: '' }))).toEqual({ kind: 'invalid', reason: 'id is missing' });
    expect(parseNotifiedEvent(JSON.stringify({ ...F.paymentFailed, occurredAt: 'soon' }))).toEqual({ kind: 'invalid', reason: 'occurredAt is not a date-time' });
    expect(parseNotifiedEvent(JSON.stringify({ ...F.paymentFailed, data: null }))).toEqual({ kind: 'invalid', reason: 'data is not an object' });
  });
});
