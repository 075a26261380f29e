import { z } from "zod";
import { sessionOptionsInvalid } from "./errors.js";
import type { SessionOptions } from "./session.js";
import { describeIssues } from "./zod-issues.js";

// Strict: a misspelt option (`transprot`) or value (`"webscoket"`) silently ignored would run the
// session with settings the caller did not ask for.
const SessionOptionsSchema = z.strictObject({
  instructions: z.string().optional(),
  // Only the shape every tool shares: function, custom and built-in tools differ beyond `type`.
  tools: z.array(z.looseObject({ type: z.string().min(1) })).optional(),
  signal: z.instanceof(AbortSignal, { error: "expected an AbortSignal" }).optional(),
  transport: z.enum(["auto", "websocket", "http"]).optional(),
  body: z.record(z.string(), z.unknown()).optional(),
  // Items are checked as send() input is, when the session starts from them.
  history: z.array(z.looseObject({})).optional(),
});

/** Validates host.session()'s options. @throws SY_ERR_SESSION_OPTIONS_INVALID naming each bad option */
export function checkSessionOptions(ref: string, options: unknown): SessionOptions {
  // Most sessions pass none: nothing to check, and a zod parse costs tens of microseconds per session.
  if (options === undefined) return {};
  const result = SessionOptionsSchema.safeParse(options ?? {});
  if (!result.success) throw sessionOptionsInvalid(ref, describeIssues(result.error.issues));
  // The caller's object, not zod's copy: tools and body pass through as given.
  return (options ?? {}) as SessionOptions;
}
