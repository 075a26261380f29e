/**
 * Credential origins. A credential may reach a URL only when the URL's origin is one the provider
 * declares. WebSocket URLs are compared as the HTTP origin their upgrade request goes to
 * (wss → https, ws → http). A declared origin may end in `:*` to allow any port (loopback servers).
 */

import { memoize } from "./memoize.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Parses a URL, or returns undefined instead of throwing. */
export function tryParseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

// Both functions below are pure functions of a string, asked about the same few strings again and
// again (every URL of a manifest against every origin at load, then before each send): each string
// is parsed once. Bounded, so a long-running process meeting many URLs cannot grow them without limit.
const originOfText = memoize((url: string) => originOfParsed(url), 4096);
const canonicalOrigin = memoize(canonicalize, 4096);

/** The HTTP origin a request or upgrade to `url` is sent to, e.g. `wss://a.b/x` → `https://a.b`. */
export function credentialOrigin(url: string | URL): string | undefined {
  return typeof url === "string" ? originOfText(url) : originOfParsed(url);
}

function originOfParsed(url: string | URL): string | undefined {
  const parsed = typeof url === "string" ? tryParseUrl(url) : url;
  if (!parsed) return undefined;
  const protocol = parsed.protocol === "wss:" ? "https:" : parsed.protocol === "ws:" ? "http:" : parsed.protocol;
  if (protocol !== "https:" && protocol !== "http:") return undefined;
  const defaultPort = protocol === "https:" ? "443" : "80";
  const port = parsed.port && parsed.port !== defaultPort ? `:${parsed.port}` : "";
  return `${protocol}//${parsed.hostname}${port}`;
}

/** A declared origin in canonical form, or undefined when it is not an origin (has a path, etc). */
export function normalizeDeclaredOrigin(origin: string): string | undefined {
  return canonicalOrigin(origin);
}

function canonicalize(origin: string): string | undefined {
  const wildcard = origin.endsWith(":*");
  const parsed = tryParseUrl(wildcard ? `${origin.slice(0, -2)}:1` : origin);
  if (!parsed || (parsed.pathname !== "/" && parsed.pathname !== "") || parsed.search || parsed.hash) return undefined;
  if (parsed.username || parsed.password) return undefined;
  if (wildcard) return `${parsed.protocol}//${parsed.hostname}:*`;
  return originOfParsed(parsed);
}

/** True when `url` lies inside one of `origins` (exact origin, or host match for a `:*` origin). */
export function isInsideOrigins(url: string | URL, origins: readonly string[]): boolean {
  const target = credentialOrigin(url);
  if (!target) return false;
  for (const origin of origins) {
    const declared = normalizeDeclaredOrigin(origin);
    if (!declared) continue;
    if (declared === target) return true;
    if (declared.endsWith(":*")) {
      const base = declared.slice(0, -2);
      if (target === base || target.startsWith(`${base}:`)) return true;
    }
  }
  return false;
}
