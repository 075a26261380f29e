export { RedisHealthStore, entryTtlMs, type RedisHealthStoreOptions } from "./redis-health-store.js";

import type { HealthStoreConfig } from "@switchyard/core";
import { RedisHealthStore, type RedisHealthStoreOptions } from "./redis-health-store.js";

/** The store config `healthStore: { redis: { url } | { socket } }` describes. */
export function createRedisHealthStore(config: HealthStoreConfig, options: Omit<RedisHealthStoreOptions, "url" | "socket" | "keyPrefix"> = {}): Promise<RedisHealthStore> {
  const redis = config.redis;
  return RedisHealthStore.connect({ ...options, ...("url" in redis ? { url: redis.url } : { socket: redis.socket }), ...(redis.keyPrefix ? { keyPrefix: redis.keyPrefix } : {}) });
}
