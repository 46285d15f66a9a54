import { randomBytes } from 'node:crypto';

/** A short unique id, so every test works on its own tenants, databases, prefixes and queues. */
export function uid(prefix = 't'): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
