/**
 * Compare-and-set of one health entry, atomic on the server. KEYS[1] the entry's key; ARGV: the
 * value this instance based its change on ("" = none), the next value ("" = delete), its TTL in
 * ms, the change channel, the change message. Returns {1} when written (and published), or
 * {0, current} so the caller re-runs its change on the value the server holds. Every write goes
 * through it, so two instances can never both claim the one half-open probe.
 */
export const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return {0, current} end
if ARGV[2] == '' then
  if current == '' then return {1, ''} end
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return {1, ''}
`;

/**
 * Writes an entry this instance learned while Redis was unreachable, unless the server already
 * holds one (which is newer knowledge from another instance and wins). Returns the server's value.
 */
export const RESYNC_IF_ABSENT = `
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return ARGV[1]
`;
