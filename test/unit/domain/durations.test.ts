import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseDurationList } from '../../../domain/durations.js';

describe('durations', () => {
  it.each([
    ['14d', 14 * 86_400_000], ['90m', 5_400_000], ['20s', 20_000], ['250ms', 250], ['1h30m', 5_400_000], ['1w', 604_800_000], ['1.5s', 1_500],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '14', 'd', '14 days', '-3d', '3x'])('rejects %j with a clear message', (text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration/);
  });

  it('parses lists and formats back', () => {
    expect(parseDurationList('3d, 1d')).toEqual([259_200_000, 86_400_000]);
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(86_400_000 * 14)).toBe('2w');
    expect(formatDuration(1_500)).toBe('1500ms');
  });
});
