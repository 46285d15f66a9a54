import { describe, expect, it } from 'vitest';
import { projectToPeriodEnd, usageTrend } from '../../../domain/usage/report.js';
import { toCrossing } from '../../../services/usage/threshold-publisher.js';

const DAY = 86_400_000;
const period = { start: 0, end: 30 * DAY };

describe('projection to period end', () => {
  it('extrapolates monthly usage linearly, keeps gauges, and has none for read limits', () => {
    expect(projectToPeriodEnd('monthly', 100, period, 10 * DAY)).toBe(300);
    expect(projectToPeriodEnd('monthly', 100, period, 40 * DAY)).toBe(100);
    expect(projectToPeriodEnd('monthly', 5, period, 60_000)).toBe(5 * 720);
    expect(projectToPeriodEnd('gauge', 7, period, 10 * DAY)).toBe(7);
    expect(projectToPeriodEnd('read', 7, period, 10 * DAY)).toBeNull();
  });
});

describe('trend', () => {
  it('compares with the average of past periods, with a 10% band', () => {
    expect(usageTrend(120, [100, 100])).toBe('up');
    expect(usageTrend(105, [100, 100])).toBe('flat');
    expect(usageTrend(80, [100, 100])).toBe('down');
    expect(usageTrend(3, [0, 0])).toBe('up');
    expect(usageTrend(3, [])).toBeNull();
  });
});

describe('threshold outbox entries', () => {
  it('parse into crossings, and garbage into null', () => {
    expect(toCrossing(['tenant', 'acme', 'metric', 'seats', 'period', '100', 'pct', '80', 'used', '8', 'limit', '10', 'at', '123']))
      .toEqual({ tenantId: 'acme', metric: 'seats', periodStart: 100, percent: 80, used: 8, limit: 10, at: 123 });
    expect(toCrossing(['tenant', 'acme'])).toBeNull();
  });
});
