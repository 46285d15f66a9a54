// Which events an endpoint subscribes to: a list of catalog types, or '*' for all of them.
import { EVENT_TYPES } from '../events.js';

export const ALL_EVENTS = '*';

/** True when an endpoint subscribed to `types` receives an event of `type`. */
export function endpointWants(types: readonly string[], type: string): boolean {
  return types.includes(ALL_EVENTS) || types.includes(type);
}

/** The entries of `types` that are neither a catalog event type nor '*'. */
export function unknownEventTypes(types: readonly string[]): string[] {
  const known = new Set<string>([...EVENT_TYPES, ALL_EVENTS]);
  return types.filter((t) => !known.has(t));
}
