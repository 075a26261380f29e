/**
 * Memoizes `compute` per header object, for frozen ones only: the host hands every turn of a
 * credential the same frozen set, so what is derived from it is computed once. An unfrozen object
 * (a caller's own) may change between turns and is computed afresh each time. Keyed weakly, so no
 * header value outlives its set.
 */
export function perHeaderSet<T>(compute: (headers: Readonly<Record<string, string>>) => T): (headers: Readonly<Record<string, string>>) => T {
  const cache = new WeakMap<object, T>();
  return (headers) => {
    if (!Object.isFrozen(headers)) return compute(headers);
    if (cache.has(headers)) return cache.get(headers) as T;
    const value = compute(headers);
    cache.set(headers, value);
    return value;
  };
}
