/**
 * Memoizes a pure function of one string, keeping at most `max` results (the table starts over
 * when full: these caches hold a handful of URLs, origins or ranges, so eviction order does not
 * matter). For work done on every turn whose answer depends only on the string.
 */
export function memoize<T>(fn: (key: string) => T, max = 512): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    if (results.has(key)) return results.get(key) as T;
    const result = fn(key);
    if (results.size >= max) results.clear();
    results.set(key, result);
    return result;
  };
}
