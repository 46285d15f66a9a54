import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { TenureError } from '../../domain/errors.js';

// The rate limiter's Redis store. Its failures are DEPENDENCY_UNAVAILABLE, so a route that does not
// skip them (the admin routes: `skipOnError: false`) fails closed with a 503, while the others keep
// serving without a limit (`skipOnError: true` globally).

// One window per key: the first hit starts it, and the answer carries what is left of it.
const INCREMENT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** A store class over `redis` for @fastify/rate-limit's `store` option; each route's child gets its own key space. */
export function failClosedRedisStore(redis: Redis, nameSpace: string): FastifyRateLimitStoreCtor {
  class FailClosedRedisStore implements FastifyRateLimitStore {
    constructor(_options: FastifyRateLimitOptions, private readonly prefix = nameSpace) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      redis.eval(INCREMENT, 1, `${this.prefix}${key}`, timeWindow).then(
        (reply) => { const [current, ttl] = reply as [number, number]; callback(null, { current, ttl }); },
        () => callback(new TenureError('DEPENDENCY_UNAVAILABLE', 'the rate limiter is unavailable; retry later')),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: string } }).routeInfo;
      return new FailClosedRedisStore({}, `${this.prefix}${String(route?.method ?? '')}${route?.url ?? ''}-`);
    }
  }
  return FailClosedRedisStore;
}
