import { z } from "zod";
import { configInvalid } from "./errors.js";

const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s):// URL" });
const websocketUrl = z.url({ protocol: /^wss?$/, error: "expected a ws(s):// URL" });
const milliseconds = z.number().int().positive();

/** Per-provider settings a user may override. Unknown keys are errors. */
export const ProviderConfigSchema = z.strictObject({
  baseUrl: httpUrl.optional().describe("HTTP base URL; another origin joins the credential scope and drops the manifest websocket"),
  websocketUrl: websocketUrl.optional().describe("WebSocket URL; must lie inside the provider's credential origins"),
  transport: z.enum(["auto", "websocket", "http"]).optional().describe("Transport policy; default auto"),
  allowExperimental: z.boolean().optional().describe("Allow capabilities the manifest marks experimental"),
  headers: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/), z.string()).optional().describe("Extra headers (treated as secret)"),
  cooldownMs: milliseconds.optional().describe("First websocket cool-down after a failure; doubles on repeat"),
  maxCooldownMs: milliseconds.optional().describe("Cap of the doubling cool-down"),
  timeouts: z
    .strictObject({ connectMs: milliseconds.optional(), firstEventMs: milliseconds.optional(), idleMs: milliseconds.optional() })
    .optional(),
});

export const HostConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  providers: z.record(z.string(), ProviderConfigSchema).default({}),
});

export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;
export type HostConfig = z.infer<typeof HostConfigSchema>;

/**
 * Validates user config. @throws SY_ERR_CONFIG_INVALID listing every problem with its path.
 */
export function parseConfig(input: unknown, source = "config"): HostConfig {
  const result = HostConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : "(root)";
    const unknown = issue.code === "unrecognized_keys" ? ` (unknown: ${issue.keys.join(", ")})` : "";
    return `${path}: ${issue.message}${unknown}`;
  });
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
