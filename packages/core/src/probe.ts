import { isInsideOrigins, type TransportKind } from "@switchyard/sdk";
import { probeHttpEndpoint, probeWebSocketEndpoint } from "./default-wiring.js";
import { readCredentials } from "./auth.js";
import type { SignIn } from "./oauth/sign-in.js";
import { providerUnknown } from "./errors.js";
import type { ExtensionCode } from "./extension-code.js";
import type { ProviderRecord } from "./registry.js";
import { requestHeaders } from "./request-headers.js";

/** One declared transport endpoint, checked: never any header value. */
export interface ProbeOutcome {
  transport: TransportKind;
  /** The URL checked: `{baseUrl}/models` for HTTP, the websocket URL for websocket. */
  url: string | undefined;
  stability: "stable" | "experimental" | undefined;
  ok: boolean;
  status: number | undefined;
  detail: string;
  latencyMs: number;
  credentials: "sent" | "not set" | "not needed" | "withheld: outside origins";
}

/**
 * Actively checks each transport the provider declares (as config settles it): an HTTP GET of
 * `{baseUrl}/models` and a websocket upgrade closed at once, with the headers a real request would
 * carry. Credentials go only to URLs inside the provider's origins; missing ones are reported, not
 * thrown. @throws SY_ERR_PROVIDER_UNKNOWN, the provider's config error, SY_ERR_EXTENSION_*
 */
export async function probeProvider(
  record: ProviderRecord | undefined,
  providerId: string,
  deps: { code: ExtensionCode; env: Readonly<Record<string, string | undefined>>; signIn: SignIn; loaded: () => string[] },
  timeoutMs: number,
): Promise<ProbeOutcome[]> {
  if (!record) {
    throw providerUnknown(providerId, deps.loaded());
  }
  const settings = record.settings;
  if (settings.error) throw settings.error;
  const hooks = await deps.code.providerHooks(record.extension, record.id);
  const credentials = readCredentials(record.manifest.auth, deps.env);
  const needed = record.manifest.auth !== undefined && record.manifest.auth.scheme !== "none";
  const targets: Array<{ kind: TransportKind; url: string | undefined; stability: ProbeOutcome["stability"] }> = [];
  if (settings.httpUrl) targets.push({ kind: "http", url: `${settings.baseUrl}/models`, stability: record.manifest.transports.http?.stability ?? "stable" });
  if (settings.websocket) targets.push({ kind: "websocket", url: settings.websocket.url, stability: settings.websocket.stability });
  const outcomes: ProbeOutcome[] = [];
  for (const { kind, url, stability } of targets) {
    if (url === undefined) {
      outcomes.push({ transport: kind, url, stability, ok: false, status: undefined, detail: "declared without a url", latencyMs: 0, credentials: "not needed" });
      continue;
    }
    const inside = isInsideOrigins(url, settings.origins);
    const { headers, secretHeaders } = await requestHeaders(record, hooks, credentials, kind, url, deps, false);
    // Outside the credential origins only the non-secret headers go.
    const sent = inside ? headers : Object.fromEntries(Object.entries(headers).filter(([name]) => !secretHeaders.includes(name.toLowerCase())));
    const result = kind === "http" ? await probeHttpEndpoint(url, sent, timeoutMs) : await probeWebSocketEndpoint(url, sent, timeoutMs);
    const unset = (credentials.missing.length > 0 || (credentials.signIn === true && !headers["authorization"])) && !hooks.resolveAuth;
    const state = !needed ? "not needed" : !inside ? "withheld: outside origins" : unset ? "not set" : "sent";
    outcomes.push({ transport: kind, url, stability, ...result, latencyMs: Math.round(result.latencyMs), credentials: state });
  }
  return outcomes;
}
