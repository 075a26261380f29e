import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** A client key as config lists it: an id for logs and metrics, and the key's sha256 (hex). */
export interface GatewayKey {
  id: string;
  sha256: string;
}

/** The sha256 a config lists for `key` (what `switchyard serve` users put in gateway.keys). */
export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/**
 * Checks a request's `Authorization: Bearer <key>` (or `api-key`, as Azure-style clients send)
 * against the configured hashes, in constant time per key. Returns the key's id, "anonymous"
 * when no keys are configured, or undefined (with whether a key was presented) when refused.
 */
export function authenticate(headers: IncomingHttpHeaders, keys: readonly GatewayKey[]): { id: string } | { id: undefined; presented: boolean } {
  if (keys.length === 0) return { id: "anonymous" };
  const authorization = headers.authorization;
  const bearer = typeof authorization === "string" && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, "").trim() : undefined;
  const apiKey = typeof headers["api-key"] === "string" ? headers["api-key"] : undefined;
  const presented = bearer ?? apiKey;
  if (!presented) return { id: undefined, presented: false };
  const digest = Buffer.from(hashKey(presented), "hex");
  let match: string | undefined;
  for (const key of keys) {
    if (timingSafeEqual(digest, Buffer.from(key.sha256, "hex")) && match === undefined) match = key.id;
  }
  return match === undefined ? { id: undefined, presented: true } : { id: match };
}
