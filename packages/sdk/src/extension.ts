import type { TransportKind } from "./apis.js";
import { invalidExtensionDefinition } from "./errors.js";
import type { TurnBody, WireApi } from "./wire-api.js";

/** What every provider hook is told: who it runs for. */
export interface ProviderHookContext {
  extensionId: string;
  providerId: string;
}

export interface ResolveAuthContext extends ProviderHookContext {
  /** The environment the host was created with. */
  env: Readonly<Record<string, string | undefined>>;
  transport: TransportKind;
  /** The origin the credential will be sent to (already checked against the provider's origins). */
  origin: string;
  /** Headers the host derived from the manifest's `auth` (values are secrets: do not log them). */
  headers: Readonly<Record<string, string>>;
  /** Aborts when the turn is aborted, the hook's deadline passes or the host closes: pass it to fetch(). */
  signal?: AbortSignal;
}

export interface ShapeRequestContext extends ProviderHookContext {
  transport: TransportKind;
  /** Aborts when the turn is aborted, the hook's deadline passes or the host closes. */
  signal?: AbortSignal;
}

/** A transport failure as a provider's classifyError hook sees it (no secrets). */
export interface ProviderErrorInfo {
  code: string;
  message: string;
  transport: TransportKind;
  phase: "connect" | "before-first-event" | "after-first-event";
  status?: number;
  serverCode?: string;
}

/** What a classifyError hook may decide about a failure. */
export interface ErrorClassification {
  /** Whether a websocket failure may fall back to HTTP and open a cool-down. */
  fallback?: boolean;
  /** A better message for the user (the original stays as the cause). */
  message?: string;
}

/** Hooks a provider's code may implement. Each is optional; each runs only for its own provider. */
export interface ProviderHooks {
  /** Maps a model id the manifest did not recognise to a canonical one, or returns undefined to reject it. */
  normalizeModelId?(modelId: string, context: ProviderHookContext): string | undefined;
  /** Returns the credential headers for a request; replaces the manifest-derived ones. Must settle within the host's hookTimeoutMs. */
  resolveAuth?(context: ResolveAuthContext): Record<string, string> | Promise<Record<string, string>>;
  /** Adjusts the turn's settings (model, instructions, tools, extra parameters) before the provider's codec encodes them. */
  shapeRequest?(body: TurnBody, context: ShapeRequestContext): TurnBody | Promise<TurnBody>;
  /** Reclassifies a transport failure of this provider. */
  classifyError?(error: ProviderErrorInfo, context: ProviderHookContext): ErrorClassification | undefined;
}

export interface ExtensionDefinition {
  /** Must equal the manifest's `id`. */
  id: string;
  /** Hooks per provider id; every key must be a provider the manifest declares. */
  providers: Record<string, ProviderHooks>;
  /** Codecs of the wire APIs the manifest's `apis` declares, by api id; loaded on the first turn that uses one. */
  apis?: Record<string, WireApi>;
}

export const HOOK_NAMES = ["normalizeModelId", "resolveAuth", "shapeRequest", "classifyError"] as const;
export type HookName = (typeof HOOK_NAMES)[number];

const EXTENSION_MARK = Symbol.for("switchyard.extension");

/**
 * Declares an extension's code. Export the result as the module's default export.
 * @throws SY_ERR_EXTENSION_DEFINITION_INVALID when the shape is wrong (unknown hook, not a function).
 */
export function defineExtension<T extends ExtensionDefinition>(definition: T): Readonly<T> {
  if (typeof definition !== "object" || definition === null) {
    throw invalidExtensionDefinition("expected an object", "Call defineExtension({ id, providers: { ... } }).");
  }
  if (typeof definition.id !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(definition.id)) {
    throw invalidExtensionDefinition(`id ${JSON.stringify(definition.id)}`, "Use the manifest's id: lowercase letters, digits and dashes.");
  }
  if (typeof definition.providers !== "object" || definition.providers === null) {
    throw invalidExtensionDefinition(`"${definition.id}" has no providers object`, "Add providers: { \"<provider id>\": { ...hooks } }.");
  }
  for (const [providerId, hooks] of Object.entries(definition.providers)) {
    for (const [name, hook] of Object.entries(hooks ?? {})) {
      if (!(HOOK_NAMES as readonly string[]).includes(name)) {
        throw invalidExtensionDefinition(
          `"${definition.id}" provider "${providerId}" has unknown hook "${name}"`,
          `Use only ${HOOK_NAMES.join(", ")}.`,
        );
      }
      if (typeof hook !== "function") {
        throw invalidExtensionDefinition(`"${definition.id}" hook ${providerId}.${name} is not a function`, "Pass a function.");
      }
    }
  }
  for (const [apiId, api] of Object.entries(definition.apis ?? {})) {
    const usable =
      typeof api === "object" &&
      api !== null &&
      typeof api.encode === "function" &&
      typeof api.createDecoder === "function" &&
      typeof api.framing === "object" &&
      api.framing !== null;
    if (!usable) {
      throw invalidExtensionDefinition(
        `"${definition.id}" api "${apiId}" is not a wire API`,
        "Give it { id, framing: { http: \"sse\" | \"json-lines\" }, encode(turn), createDecoder(options) }.",
      );
    }
    if (api.id !== apiId) {
      throw invalidExtensionDefinition(`"${definition.id}" api key "${apiId}" holds api id "${api.id}"`, "Use the api's id as its key.");
    }
  }
  return Object.freeze(Object.assign(Object.create(null), definition, { [EXTENSION_MARK]: true })) as Readonly<T>;
}

/** True for a value made by defineExtension() (in any copy of the SDK). */
export function isExtensionDefinition(value: unknown): value is ExtensionDefinition {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[EXTENSION_MARK] === true;
}
