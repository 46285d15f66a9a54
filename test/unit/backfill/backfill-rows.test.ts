import { describe, expect, it } from 'vitest';
import { parseBackfillFile } from '../../../domain/backfill/backfill-rows.js';

const NOW = Date.UTC(2026, 0, 15);
const HEADER = 'tenantId,name,email,planId,stripeCustomerId,stripeSubscriptionId,trialEndsAt,createdAt';

describe('parseBackfillFile', () => {
  it('reads CSV rows, with empty optional columns as absent', () => {
    const file = parseBackfillFile(`${HEADER}\nacme,"Acme, Inc.",ops@acme.test,growth,cus_1,sub_1,,2025-03-01\nbeta,Beta,b@beta.test,free,,,2026-02-01T00:00:00Z,\n`, NOW);
    expect(file).toEqual({ ok: true, rows: [
      { ref: 'line 2', ok: true, row: { tenantId: 'acme', name: 'Acme, Inc.', email: 'ops@acme.test', planId: 'growth', stripeCustomerId: 'cus_1', stripeSubscriptionId: 'sub_1', trialEndsAt: null, createdAt: Date.UTC(2025, 2, 1) } },
      { ref: 'line 3', ok: true, row: { tenantId: 'beta', name: 'Beta', email: 'b@beta.test', planId: 'free', stripeCustomerId: null, stripeSubscriptionId: null, trialEndsAt: Date.UTC(2026, 1, 1), createdAt: null } },
    ] });
  });

  it('reports each bad row with its line and reason, and keeps the good ones', () => {
    const file = parseBackfillFile(`tenantId,name,email,planId\nok,Ok,ok@x.test,growth\nbad-mail,B,not-an-email,growth\nbro"ken,x,y,z\nshort,S\nok,Again,a@x.test,free\n,Nameless,n@x.test,free\n`, NOW);
    expect(file.ok && file.rows.map((r) => (r.ok ? `${r.ref} ok` : `${r.ref}: ${r.reason}`))).toEqual([
      'line 2 ok',
      "line 3: email 'not-an-email' is not an email address",
      'line 4: malformed CSV: a quote inside an unquoted field (quote the field and double the quote)',
      'line 5: malformed CSV: 2 field(s), the header has 4',
      'line 6: tenant ok is already in line 2',
      'line 7: tenantId is required',
    ]);
  });

  it('refuses bad times and a createdAt in the future', () => {
    const file = parseBackfillFile(`tenantId,name,email,planId,trialEndsAt,createdAt\na,A,a@x.test,free,tomorrow,\nb,B,b@x.test,free,,2027-01-01\n`, NOW);
    expect(file.ok && file.rows.map((r) => !r.ok && r.reason)).toEqual([
      "trialEndsAt 'tomorrow' is not an ISO 8601 time (2025-01-31 or 2025-01-31T12:00:00Z)", 'createdAt is in the future',
    ]);
  });

  it('refuses a file it cannot read as a whole', () => {
    expect(parseBackfillFile('', NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('no readable header') });
    expect(parseBackfillFile('tenantId,name,email,plan\n', NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('unknown column(s) plan') });
    expect(parseBackfillFile('tenantId,name,email\n', NOW)).toMatchObject({ ok: false, reason: 'the header lacks the column(s) planId' });
    expect(parseBackfillFile('[{"tenantId": ', NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') });
  });

  it('reads a JSON array of objects, item by item', () => {
    const file = parseBackfillFile(JSON.stringify([
      { tenantId: 'j1', name: 'J', email: 'j@x.test', planId: 'growth', stripeSubscriptionId: null },
      { tenantId: 'j2', name: 'J', email: 'j@x.test', planId: 'growth', seats: '3' },
      { tenantId: 'j3', name: 'J', email: 'j@x.test', planId: 7 },
      'j4',
    ]), NOW);
    expect(file.ok && file.rows.map((r) => (r.ok ? `${r.ref} ok` : `${r.ref}: ${r.reason}`))).toEqual([
      'item 1 ok', 'item 2: unknown field(s) seats', 'item 3: planId must be a string or null', 'item 4: not an object',
    ]);
  });
});
