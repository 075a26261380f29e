import type { TransportKind } from "@switchyard/sdk";
import type { Credentials } from "./auth.js";
import type { ProviderRecord } from "./registry.js";

/**
 * Memoizes `build` per credentials read (currentCredentials() makes a new one only when an
 * environment value changes), provider and transport: for what every turn of a credential would
 * otherwise rebuild. The result is shared between turns, so it should be frozen.
 */
export function perCredential<T>(build: (record: ProviderRecord, credentials: Credentials, kind: TransportKind) => T) {
  const cache = new WeakMap<Credentials, { record: ProviderRecord; byKind: Partial<Record<TransportKind, T>> }>();
  return (record: ProviderRecord, credentials: Credentials, kind: TransportKind): T => {
    let cached = cache.get(credentials);
    if (!cached || cached.record !== record) cache.set(credentials, (cached = { record, byKind: {} }));
    if (!(kind in cached.byKind)) cached.byKind[kind] = build(record, credentials, kind);
    return cached.byKind[kind] as T;
  };
}
