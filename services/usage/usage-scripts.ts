import type { Redis } from 'ioredis';

// The two enforcement scripts. Each runs atomically in Redis and touches only the keys it is given
// (so the configured key prefix, which ioredis adds to KEYS, always applies). Loaded once per
// connection with defineCommand, then called by EVALSHA.

/*
 * consume, for one or more operations in order (the API sends one; the Kafka consumer a batch).
 * KEYS: 1 threshold outbox, then per operation i: limits hash, access, counter, threshold 80%, threshold 100%, idempotency.
 * ARGV: 1 grace percent, 2 threshold marker TTL s, 3 now (ms), 4 dry run ('1' checks without incrementing),
 *       then per operation: metric, amount, period the caller keyed the counter by, idempotency TTL s (0 = none), tenant id,
 *       fingerprint of the request (stored with the answer: a key reused with other content answers {'reused'}),
 *       occurredAt (ms) of a usage event, or 0 for an API call. An event dated before the current period is refused
 *       {'closed', period}; an applied event's idempotency entry lives until the period's end (`_pend`) plus its TTL.
 * A metric without a field in the hash is not granted to the tenant: its limit is 0.
 * Reply: one entry per operation: {'dup', stored}, {'reused'}, {'missing'}, {'stale', period}, {'closed', period},
 *        {'blocked', reason}, {'limit', used, limit, warn, plan}, or {'ok', used, limit, warn, crossed} where crossed
 *        lists the thresholds this operation fired ("80,100,").
 */
/** A hash written without `_pend` (by an older version) keeps event ids this long past its period's start. */
const MAX_PERIOD_MS = 32 * 86_400_000;

const CONSUME_LUA = `
local function consume(k, a)
  local idem = tonumber(ARGV[a + 3]) > 0
  if idem then
    local prior = redis.call('GET', KEYS[k + 5])
    if prior then
      local nl = string.find(prior, '\\n', 1, true)
      if not nl or string.sub(prior, 1, nl - 1) ~= ARGV[a + 5] then return {'reused'} end
      return {'dup', string.sub(prior, nl + 1)}
    end
  end
  local metric, period = ARGV[a], ARGV[a + 2]
  local h = redis.call('HMGET', KEYS[k], metric, '_period', '_block', '_warn', '_plan', '_pend')
  if not h[2] then return {'missing'} end
  if h[2] ~= period then return {'stale', h[2]} end
  local at = tonumber(ARGV[a + 6])
  if at > 0 and at < tonumber(h[2]) then return {'closed', h[2]} end
  local block = h[3]
  if not block then
    local access = redis.call('GET', KEYS[k + 1])
    if access == 'none' then block = 'locked' elseif access == 'read_only' then block = 'read_only' else block = '' end
  end
  if block ~= '' then return {'blocked', block} end
  local warn = h[4] or ''
  local limit = tonumber(h[1] or '0')
  local amount = tonumber(ARGV[a + 1])
  local used = tonumber(redis.call('GET', KEYS[k + 2]) or '0')
  if limit >= 0 and used + amount > limit + math.floor(limit * tonumber(ARGV[1]) / 100) then
    return {'limit', used, limit, warn, h[5] or ''}
  end
  if ARGV[4] == '1' then return {'ok', used, limit, warn, ''} end
  local after = redis.call('INCRBY', KEYS[k + 2], amount)
  local crossed = ''
  if limit > 0 then
    local pcts = {80, 100}
    for i = 1, 2 do
      local pct = pcts[i]
      if used * 100 < pct * limit and after * 100 >= pct * limit then
        if redis.call('SET', KEYS[k + 2 + i], ARGV[3], 'NX', 'EX', ARGV[2]) then
          crossed = crossed .. pct .. ','
          redis.call('XADD', KEYS[1], 'MAXLEN', '~', '100000', '*', 'tenant', ARGV[a + 4], 'metric', metric, 'period', period,
            'pct', pct, 'used', after, 'limit', limit, 'at', ARGV[3])
        end
      end
    end
  end
  if idem then
    local ttl = tonumber(ARGV[a + 3])
    if at > 0 then
      local pend = tonumber(h[6] or '') or (tonumber(h[2]) + ${MAX_PERIOD_MS})
      if pend > tonumber(ARGV[3]) then ttl = ttl + math.ceil((pend - tonumber(ARGV[3])) / 1000) end
    end
    redis.call('SET', KEYS[k + 5], ARGV[a + 5] .. '\\n' .. after .. ':' .. limit .. ':' .. warn, 'EX', ttl)
  end
  return {'ok', after, limit, warn, crossed}
end
local replies = {}
for i = 0, (#KEYS - 1) / 6 - 1 do
  replies[i + 1] = consume(2 + 6 * i, 5 + 7 * i)
end
return replies`;

/*
 * release (gauges only). KEYS: 1 limits hash, 2 counter, 3 idempotency. ARGV: 1 metric, 2 amount, 3 idempotency TTL s,
 * 4 fingerprint of the request. Replies: {'dup', stored}, {'reused'}, {'missing'}, {'ok', used, limit}.
 * The counter never goes below zero.
 */
const RELEASE_LUA = `
local idem = tonumber(ARGV[3]) > 0
if idem then
  local prior = redis.call('GET', KEYS[3])
  if prior then
    local nl = string.find(prior, '\\n', 1, true)
    if not nl or string.sub(prior, 1, nl - 1) ~= ARGV[4] then return {'reused'} end
    return {'dup', string.sub(prior, nl + 1)}
  end
end
local h = redis.call('HMGET', KEYS[1], ARGV[1], '_period')
if not h[2] then return {'missing'} end
local limit = tonumber(h[1] or '0')
local after = tonumber(redis.call('GET', KEYS[2]) or '0') - tonumber(ARGV[2])
if after < 0 then after = 0 end
redis.call('SET', KEYS[2], after)
if idem then redis.call('SET', KEYS[3], ARGV[4] .. '\\n' .. after .. ':' .. limit, 'EX', ARGV[3]) end
return {'ok', after, limit}`;

export type ScriptReply = (string | number)[];

export interface UsageScripts {
  /** keys and args as described above; one reply per operation. */
  consume(keys: string[], args: (string | number)[]): Promise<ScriptReply[]>;
  release(keys: string[], args: (string | number)[]): Promise<ScriptReply>;
}

interface WithUsageCommands {
  tenureConsume(...numKeysKeysAndArgs: (string | number)[]): Promise<ScriptReply[]>;
  tenureRelease(...keysAndArgs: (string | number)[]): Promise<ScriptReply>;
}

/** Defines the scripts on this connection (idempotent) and returns typed callers. */
export function loadUsageScripts(redis: Redis): UsageScripts {
  const r = redis as Redis & Partial<WithUsageCommands>;
  if (typeof r.tenureConsume !== 'function') redis.defineCommand('tenureConsume', { lua: CONSUME_LUA });
  if (typeof r.tenureRelease !== 'function') redis.defineCommand('tenureRelease', { numberOfKeys: 3, lua: RELEASE_LUA });
  const cmds = redis as unknown as WithUsageCommands;
  return {
    consume: (keys, args) => cmds.tenureConsume(keys.length, ...keys, ...args),
    release: (keys, args) => cmds.tenureRelease(...keys, ...args),
  };
}
