/**
 * The fault spec string of `switchyard emulator --fault`:
 *   [<profile>:][<transport>:]<kind>[=<value>][,<key>=<value>]...
 * e.g. "openai:websocket:upgrade-status=500,times=3". The value after the kind fills the kind's
 * main field (status, code, afterEvents, maxAgeMs...). Keys may be camelCase or kebab-case.
 */
import { EmulatorError, EmulatorErrorCode } from "./errors.js";
import { faultKinds, validateFault, type Fault, type FaultKind } from "./faults.js";
import { isProfileName } from "./profiles.js";

/** The field a bare `kind=value` sets. Kinds without one take no value. */
const mainField: Partial<Record<FaultKind, string>> = {
  "upgrade-status": "status",
  "http-status": "status",
  "error-event": "code",
  cut: "afterEvents",
  delay: "betweenEventsMs",
  "connection-age": "maxAgeMs",
};

const numericKeys = new Set(["status", "retryAfter", "afterEvents", "closeCode", "firstEventMs", "betweenEventsMs", "maxAgeMs", "times"]);
const booleanKeys = new Set(["destroy", "warmups"]);

function syntax(spec: string, what: string, fix: string): EmulatorError {
  return new EmulatorError(EmulatorErrorCode.faultSpecSyntax, `Bad fault spec ${JSON.stringify(spec)}: ${what}.`, fix);
}

const example = `Write it like "openai:websocket:upgrade-status=500,times=3" or "*:http:http-status=429,retryAfter=2".`;

function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function parseValue(spec: string, key: string, raw: string): unknown {
  if (numericKeys.has(key)) {
    if (!/^\d+$/.test(raw)) throw syntax(spec, `"${key}" needs a whole number ≥ 0, got "${raw}"`, example);
    return Number(raw);
  }
  if (booleanKeys.has(key)) {
    if (raw !== "true" && raw !== "false") throw syntax(spec, `"${key}" needs true or false, got "${raw}"`, example);
    return raw === "true";
  }
  return raw;
}

/** Parses one fault spec string into a validated Fault. Throws SY_ERR_EMULATOR_FAULT_* errors. */
export function parseFaultSpec(spec: string): Fault {
  if (typeof spec !== "string" || spec.trim() === "") throw syntax(String(spec), "it is empty", example);
  const [head = "", ...options] = spec.trim().split(",");
  const scopeParts = head.split(":");
  const kindPart = scopeParts.pop() ?? "";
  const fault: Record<string, unknown> = {};
  for (const part of scopeParts) {
    if (part === "*") {
      if (fault["profile"] === undefined) fault["profile"] = "*";
      else fault["transport"] = "*";
    } else if (part === "http" || part === "websocket") {
      fault["transport"] = part;
    } else if (isProfileName(part)) {
      fault["profile"] = part;
    } else {
      throw new EmulatorError(
        EmulatorErrorCode.faultUnknownScope,
        `Bad fault spec ${JSON.stringify(spec)}: unknown profile or transport "${part}".`,
        `Use a profile (openai, openai-codex, xai, anthropic, *) and/or a transport (http, websocket, *) before the kind.`,
      );
    }
  }
  if (scopeParts.length > 2) throw syntax(spec, "too many ':' parts before the kind", example);
  const equals = kindPart.indexOf("=");
  const kind = equals === -1 ? kindPart : kindPart.slice(0, equals);
  if (!(faultKinds as readonly string[]).includes(kind)) {
    throw new EmulatorError(
      EmulatorErrorCode.faultUnknownKind,
      `Bad fault spec ${JSON.stringify(spec)}: unknown fault kind "${kind}".`,
      `Use one of: ${faultKinds.join(", ")}.`,
    );
  }
  fault["kind"] = kind;
  if (equals !== -1) {
    const field = mainField[kind as FaultKind];
    if (!field) throw syntax(spec, `"${kind}" takes no value`, `Write just "${kind}".`);
    fault[field] = parseValue(spec, field, kindPart.slice(equals + 1));
  }
  for (const option of options) {
    const at = option.indexOf("=");
    if (at <= 0) throw syntax(spec, `option "${option}" is not key=value`, example);
    const key = camel(option.slice(0, at).trim());
    fault[key] = parseValue(spec, key, option.slice(at + 1).trim());
  }
  return validateFault(fault);
}
