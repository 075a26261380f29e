/**
 * The dialects the emulator serves. Each profile owns a path prefix and its own rules; the rules
 * mirror what the real services enforce, so clients learn the same lessons locally.
 */
export const profileNames = ["openai", "openai-codex", "xai", "anthropic"] as const;
export type ProfileName = (typeof profileNames)[number];
export type TransportName = "http" | "websocket";

/** A request-level rule violation, answered as HTTP 400 or a websocket error event. */
export interface DialectViolation {
  message: string;
  param: string | null;
  code: string;
}

export interface Profile {
  name: ProfileName;
  /** Path prefix of the base URL, e.g. "/v1". */
  basePath: string;
  models: readonly string[];
  ownedBy: string;
  defaultConnectionAgeMs: number;
  /** true: a second response.create while one runs is rejected (xai); false: queued per stream_id lane. */
  singleInFlight: boolean;
  /** Checks a create body against the dialect's rules; null when it passes. */
  check(body: Record<string, unknown>, transport: TransportName): DialectViolation | null;
  /** How HTTP error bodies look: the platform's `{ error: {…} }`, or the ChatGPT backend's `{ detail }`. */
  errorShape: "error-object" | "detail";
  /** Rate-limit headers (and on the websocket, Codex's `codex.rate_limits` event) this service sends. */
  rateLimits: "platform" | "codex" | "anthropic";
}

const noRules = (): DialectViolation | null => null;

/**
 * A base prompt: top-level `instructions`, or (as Codex CLI sends it) a leading developer or system
 * message; a continuation inherits the one its first turn had.
 */
export function hasBasePrompt(body: Record<string, unknown>): boolean {
  if (typeof body["instructions"] === "string" && body["instructions"].length > 0) return true;
  if (typeof body["previous_response_id"] === "string") return true;
  const first: unknown = Array.isArray(body["input"]) ? body["input"][0] : undefined;
  if (typeof first !== "object" || first === null) return false;
  const item = first as Record<string, unknown>;
  return (item["type"] === "message" || item["type"] === undefined) && (item["role"] === "developer" || item["role"] === "system");
}

// Codex (ChatGPT backend) refuses stored responses, needs a base prompt and only streams over HTTP.
function checkCodex(body: Record<string, unknown>, transport: TransportName): DialectViolation | null {
  if (body["store"] !== false) {
    return { message: "Store must be set to false", param: "store", code: "invalid_value" };
  }
  if (!hasBasePrompt(body)) {
    return { message: "Instructions are required", param: "instructions", code: "missing_required_parameter" };
  }
  if (transport === "http" && body["stream"] !== true) {
    return { message: "Stream must be set to true", param: "stream", code: "invalid_value" };
  }
  return null;
}

const minute = 60_000;

export const profiles: Readonly<Record<ProfileName, Profile>> = Object.freeze({
  openai: {
    name: "openai",
    basePath: "/v1",
    models: ["gpt-5.4", "gpt-5.2", "gpt-5.1", "gpt-5-nano", "gpt-4o-mini"],
    ownedBy: "openai",
    defaultConnectionAgeMs: 60 * minute,
    singleInFlight: false,
    check: noRules,
    errorShape: "error-object",
    rateLimits: "platform",
  },
  "openai-codex": {
    name: "openai-codex",
    basePath: "/backend-api/codex",
    models: ["gpt-5.4", "gpt-5.4-codex", "gpt-5.2-codex"],
    ownedBy: "openai",
    defaultConnectionAgeMs: 60 * minute,
    singleInFlight: false,
    check: checkCodex,
    errorShape: "detail",
    rateLimits: "codex",
  },
  xai: {
    name: "xai",
    basePath: "/xai/v1",
    models: ["grok-4.20-reasoning", "grok-4", "grok-code-fast-1"],
    ownedBy: "xai",
    defaultConnectionAgeMs: 25 * minute,
    singleInFlight: true,
    check: noRules,
    errorShape: "error-object",
    rateLimits: "platform",
  },
  // Serves the Anthropic Messages dialect (anthropic-dialect.ts); named here for fault scopes and stats.
  anthropic: {
    name: "anthropic",
    basePath: "/anthropic/v1",
    models: ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"],
    ownedBy: "anthropic",
    defaultConnectionAgeMs: 60 * minute,
    singleInFlight: false,
    check: noRules,
    // Its own dialect file answers errors in Anthropic's `{ type: "error", error }` shape.
    errorShape: "error-object",
    rateLimits: "anthropic",
  },
});

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === "string" && (profileNames as readonly string[]).includes(value);
}

/** Finds the profile whose base path prefixes `pathname`, and the rest of the path after it. */
export function matchProfile(pathname: string): { profile: Profile; rest: string } | null {
  // Longest prefix first so "/xai/v1" never falls to a shorter prefix.
  const ordered = Object.values(profiles).sort((a, b) => b.basePath.length - a.basePath.length);
  for (const profile of ordered) {
    if (pathname === profile.basePath || pathname.startsWith(`${profile.basePath}/`)) {
      return { profile, rest: pathname.slice(profile.basePath.length) || "/" };
    }
  }
  return null;
}
