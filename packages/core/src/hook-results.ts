import { isHeaderName, isHeaderValue, showHeaderName, type HookName } from "@switchyard/sdk";
import { hookInvalidResult, type HookSite } from "./errors.js";

/**
 * Checks what a provider hook returned before the host uses it, so a wrong shape fails as
 * SY_ERR_EXTENSION_HOOK_INVALID_RESULT naming the hook, not later as a confusing 401 or a
 * connect failure. Values are never quoted: a resolveAuth result holds secrets.
 * @throws SY_ERR_EXTENSION_HOOK_INVALID_RESULT
 */
export function checkHookResult(name: HookName | "load", site: HookSite, value: unknown): void {
  switch (name) {
    case "normalizeModelId":
      if (value !== undefined && value !== null && typeof value !== "string") {
        throw hookInvalidResult(site, kindOf(value), "a model id string, or undefined to reject the id");
      }
      return;
    case "resolveAuth":
      return checkHeaders(site, value);
    case "shapeRequest":
      return checkBody(site, value);
    case "classifyError":
      if (value === undefined || value === null) return;
      if (!isPlainObject(value)) throw hookInvalidResult(site, kindOf(value), "undefined or { fallback?: boolean, message?: string }");
      if (value.fallback !== undefined && typeof value.fallback !== "boolean") throw hookInvalidResult(site, `fallback as ${kindOf(value.fallback)}`, "fallback as a boolean");
      if (value.message !== undefined && typeof value.message !== "string") throw hookInvalidResult(site, `message as ${kindOf(value.message)}`, "message as a string");
      return;
    default:
      return;
  }
}

const EXPECTED_HEADERS = "an object of header names to string values, e.g. { authorization: `Bearer ${token}` }";

function checkHeaders(site: HookSite, value: unknown): void {
  if (!isPlainObject(value)) throw hookInvalidResult(site, kindOf(value), EXPECTED_HEADERS);
  for (const [name, headerValue] of Object.entries(value)) {
    if (!isHeaderName(name)) throw hookInvalidResult(site, `header name ${showHeaderName(name)}, which is not an RFC 9110 token`, EXPECTED_HEADERS);
    if (typeof headerValue !== "string") throw hookInvalidResult(site, `header ${showHeaderName(name)} as ${kindOf(headerValue)}`, EXPECTED_HEADERS);
    if (!isHeaderValue(headerValue)) {
      throw hookInvalidResult(site, `header ${showHeaderName(name)} with a control character (CR, LF, NUL, …) in its value`, "values of one line without control characters");
    }
  }
}

function checkBody(site: HookSite, value: unknown): void {
  const expected = "the request body object it was given (changed or not), with a string model";
  if (!isPlainObject(value)) throw hookInvalidResult(site, kindOf(value), expected);
  if (typeof value.model !== "string" || value.model === "") throw hookInvalidResult(site, `a body whose model is ${kindOf(value.model)}`, expected);
  try {
    JSON.stringify(value);
  } catch (error) {
    // Circular structures and BigInts cannot go on the wire.
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw hookInvalidResult(site, `a body that cannot be serialized as JSON (${reason})`, expected);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return isPlainObject(value) ? "an object" : `a ${(value as object).constructor?.name ?? "non-plain"} object`;
  return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
}
