// Durations are strings such as `14d`, `90m`, `20s`, `500ms` or `1h30m`, so a demo or an e2e test
// can run a whole lifecycle in seconds by configuration alone.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/** Parses `14d`, `1h30m`, `250ms` into milliseconds; throws on anything else. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!/^((\d+(?:\.\d+)?)(ms|s|m|h|d|w))+$/.test(trimmed)) {
    throw new Error(`invalid duration '${text}': use a number and a unit (ms, s, m, h, d, w), e.g. 14d or 90m`);
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return Math.round(total);
}

/** Parses a comma-separated list of durations, e.g. `3d,1d`. */
export function parseDurationList(text: string): number[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(parseDuration);
}

/** Renders milliseconds as the shortest exact duration string, e.g. 90000 -> `90s`. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    if (ms > 0 && ms % UNIT_MS[unit]! === 0) return `${ms / UNIT_MS[unit]!}${unit}`;
  }
  return `${ms}ms`;
}
