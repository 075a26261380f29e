/** A transport kind the host implements. */
export type TransportKind = "http" | "websocket";

/**
 * Wire APIs the host implements, and the transports that speak each. A provider's `api` must be
 * one of these; its declared transports must speak it. Both are Responses API dialects: the
 * dialect differences (codex requires `store: false` and instructions) live in manifests and
 * extension hooks, not here.
 */
export const KNOWN_APIS: Readonly<Record<string, { readonly transports: readonly TransportKind[]; readonly description: string }>> =
  Object.freeze({
    "openai-responses": {
      transports: ["http", "websocket"],
      description: "OpenAI Responses API: POST {baseUrl}/responses with SSE, or WebSocket mode response.create",
    },
    "openai-codex-responses": {
      transports: ["http", "websocket"],
      description: "ChatGPT Codex backend's Responses dialect: store must be false, instructions required",
    },
  });

export function isKnownApi(api: string): boolean {
  return Object.hasOwn(KNOWN_APIS, api);
}

export function apiSpeaksTransport(api: string, kind: TransportKind): boolean {
  return KNOWN_APIS[api]?.transports.includes(kind) ?? false;
}
