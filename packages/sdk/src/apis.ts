import type { Manifest } from "./manifest-schema.js";

/** A transport kind the host implements. */
export type TransportKind = "http" | "websocket";

/** What a manifest (or the host) says about a wire API: the transports that speak it and the default HTTP path. */
export interface ApiDeclaration {
  readonly id: string;
  readonly transports: readonly TransportKind[];
  /** Appended to a provider's baseUrl when its `transports.http.path` is not set. */
  readonly httpPath: string;
  readonly description: string;
  /** The extension that contributes it; undefined for the ones the host ships. */
  readonly extension?: string;
}

/**
 * The wire APIs the host ships (their codecs live in @switchyard/transports). Extensions add
 * others through their manifest's `apis`; see apiCatalog().
 */
export const BUILTIN_APIS: Readonly<Record<string, ApiDeclaration>> = Object.freeze({
  "openai-responses": {
    id: "openai-responses",
    transports: ["http", "websocket"],
    httpPath: "/responses",
    description: "OpenAI Responses API: POST {baseUrl}/responses with SSE, or WebSocket mode response.create",
  },
  "openai-codex-responses": {
    id: "openai-codex-responses",
    transports: ["http", "websocket"],
    httpPath: "/responses",
    description: "ChatGPT Codex backend's Responses dialect: store must be false, instructions required",
  },
  "openai-chat-completions": {
    id: "openai-chat-completions",
    transports: ["http"],
    httpPath: "/chat/completions",
    description: "OpenAI Chat Completions: POST {baseUrl}/chat/completions with SSE (Ollama, vLLM, LM Studio, Groq, …)",
  },
  "anthropic-messages": {
    id: "anthropic-messages",
    transports: ["http"],
    httpPath: "/messages",
    description: "Anthropic Messages API: POST {baseUrl}/messages with SSE",
  },
});

/** The apis a set of manifests can use: the shipped ones plus every api these manifests declare. */
export function apiCatalog(manifests: readonly Manifest[]): ReadonlyMap<string, ApiDeclaration> {
  const catalog = new Map<string, ApiDeclaration>(Object.entries(BUILTIN_APIS));
  for (const manifest of manifests) {
    for (const api of manifest.apis ?? []) {
      if (catalog.has(api.id)) continue; // a clash is reported by checkApis, the first one stays
      catalog.set(api.id, {
        id: api.id,
        transports: api.transports,
        httpPath: api.httpPath ?? "/",
        description: api.description ?? "",
        extension: manifest.id,
      });
    }
  }
  return catalog;
}

/** Whether the host ships this api. */
export function isKnownApi(api: string): boolean {
  return Object.hasOwn(BUILTIN_APIS, api);
}

/** Whether `api` (looked up in `catalog`, default the shipped apis) is spoken over `kind`. */
export function apiSpeaksTransport(api: string, kind: TransportKind, catalog: ReadonlyMap<string, ApiDeclaration> = apiCatalog([])): boolean {
  return catalog.get(api)?.transports.includes(kind) ?? false;
}
