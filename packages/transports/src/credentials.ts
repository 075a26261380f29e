import { createHash } from "node:crypto";
import { credentialOrigin, isInsideOrigins } from "@switchyard/sdk";
import { originRefused, transportClosed, type FailureContext } from "./errors.js";
import { perHeaderSet } from "./header-set-cache.js";
import type { TurnRequest } from "@switchyard/sdk";

/** secretValues() of header objects seen before: the host hands the same frozen headers to every turn of a credential. */
const secretsOf = new WeakMap<object, { names: readonly string[]; values: string[] }>();

/** The values of the request's secret headers (to scrub from messages), in header order. */
export function secretValues(request: Pick<TurnRequest, "headers" | "secretHeaders">): string[] {
  if (request.secretHeaders.length === 0) return [];
  const known = Object.isFrozen(request.headers) ? secretsOf.get(request.headers) : undefined;
  if (known?.names === request.secretHeaders) return known.values;
  const values = readSecretValues(request);
  if (Object.isFrozen(request.headers)) secretsOf.set(request.headers, { names: request.secretHeaders, values });
  return values;
}

function readSecretValues(request: Pick<TurnRequest, "headers" | "secretHeaders">): string[] {
  const values: string[] = [];
  for (const name of Object.keys(request.headers)) {
    if (!request.secretHeaders.includes(name.toLowerCase())) continue;
    const value = request.headers[name];
    if (!value) continue;
    values.push(value);
    // A bearer token is also a secret without its scheme prefix.
    const space = value.indexOf(" ");
    if (space > 0 && space < value.length - 1) values.push(value.slice(space + 1));
  }
  return values;
}

/** True when the turn carries credentials its URL may not receive: the caller must refuse before sending anything. */
export function mustRefuse(request: Pick<TurnRequest, "url" | "origins" | "headers" | "secretHeaders">): boolean {
  if (secretValues(request).length === 0) return !credentialOrigin(request.url);
  return !isInsideOrigins(request.url, request.origins);
}

/** The credential origin for messages, or a placeholder when the URL does not parse. */
export function originForMessages(url: string): string {
  return credentialOrigin(url) ?? "an invalid URL";
}

/**
 * A short hash of every header name and value, so connections are never shared across
 * credentials. Only the hash is ever exposed (pool keys), never the values; hashed once per frozen
 * header set (the host reuses one per credential), with no token kept as a key.
 */
export const credentialFingerprint = perHeaderSet((headers): string => {
  const hash = createHash("sha256");
  for (const name of Object.keys(headers).sort()) hash.update(`${name.toLowerCase()}\0${headers[name] ?? ""}\0`);
  return hash.digest("base64url").slice(0, 16);
});

/**
 * The checks every turn makes before it touches the network, on either transport: the transport
 * is open, and credentials go only to the request's origins. Returns the turn's failure context.
 * @throws SY_ERR_TRANSPORT_CLOSED, SY_ERR_TRANSPORT_ORIGIN_REFUSED (nothing sent)
 */
export function beginTurn(transport: FailureContext["transport"], request: TurnRequest, closed: boolean): FailureContext {
  const context: FailureContext = {
    transport,
    provider: request.provider,
    origin: originForMessages(request.url),
    eventsReceived: 0,
    api: request.api.id,
    secrets: secretValues(request),
  };
  if (closed) throw transportClosed(context);
  if (mustRefuse(request)) throw originRefused(context, request.url, request.origins);
  return context;
}
