import { HEADER_NAME_PATTERN, isHeaderValue } from "@switchyard/sdk";
import { z } from "zod";
import { configInvalid } from "./errors.js";
import { describeIssues } from "./zod-issues.js";

const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s):// URL" });
const websocketUrl = z.url({ protocol: /^wss?$/, error: "expected a ws(s):// URL" });
const milliseconds = z.number().int().positive();

/** How long a request-path hook (resolveAuth, shapeRequest, …) may take when config does not say. */
export const DEFAULT_HOOK_TIMEOUT_MS = 5_000;

// The value is a secret (config headers are treated as such): the message never repeats it.
const headerValue = z.string().refine(isHeaderValue, { error: "a header value must not contain control characters (CR, LF, NUL, …)" });

/** Per-provider settings a user may override. Unknown keys are errors. */
export const ProviderConfigSchema = z.strictObject({
  baseUrl: httpUrl.optional().describe("HTTP base URL; another origin joins the credential scope and drops the manifest websocket"),
  websocketUrl: websocketUrl.optional().describe("WebSocket URL; must lie inside the provider's credential origins"),
  transport: z.enum(["auto", "websocket", "http"]).optional().describe("Transport policy; default auto"),
  allowExperimental: z.boolean().optional().describe("Allow capabilities the manifest marks experimental"),
  headers: z
    .record(z.string().regex(new RegExp(HEADER_NAME_PATTERN), { error: "a header name must be an RFC 9110 token (no spaces, colons, CR or LF)" }), headerValue)
    .optional()
    .describe("Extra headers (treated as secret)"),
  oauthIssuer: httpUrl.optional().describe("Moves the manifest's sign-in issuer (e.g. to the emulator); https, or http on loopback"),
  cooldownMs: milliseconds.optional().describe("First websocket cool-down after a failure; doubles on repeat"),
  maxCooldownMs: milliseconds.optional().describe("Cap of the doubling cool-down"),
  timeouts: z
    .strictObject({ connectMs: milliseconds.optional(), firstEventMs: milliseconds.optional(), idleMs: milliseconds.optional() })
    .optional(),
});

// Across keys: a cap below the first cool-down would silently shorten it.
const CheckedProviderConfig = ProviderConfigSchema.refine(
  (provider) => provider.maxCooldownMs === undefined || provider.cooldownMs === undefined || provider.maxCooldownMs >= provider.cooldownMs,
  { error: "maxCooldownMs is smaller than cooldownMs; the cap must be at least the first cool-down", path: ["maxCooldownMs"] },
);

export const HostConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  providers: z.record(z.string(), CheckedProviderConfig).default({}),
  hookTimeoutMs: milliseconds
    .max(600_000)
    .optional()
    .describe(`Deadline of each extension hook on the request path (resolveAuth, shapeRequest, classifyError, normalizeModelId); default ${DEFAULT_HOOK_TIMEOUT_MS}`),
});

export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;
export type HostConfig = z.infer<typeof HostConfigSchema>;

/**
 * Validates user config. @throws SY_ERR_CONFIG_INVALID listing every problem with its path.
 */
export function parseConfig(input: unknown, source = "config"): HostConfig {
  const result = HostConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const lines = describeIssues(result.error.issues);
  throw configInvalid(source, lines, result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));
}

/** The config JSON Schema published for editor completion (packages/core/schema/config.schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(HostConfigSchema, { io: "input" }) as Record<string, unknown>;
  return { ...schema, $id: "https://switchyard.dev/schema/config.schema.json", title: "Switchyard host config (switchyard.config.json)" };
}

/** The committed file's text (packages/core/schema/config.schema.json). */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
