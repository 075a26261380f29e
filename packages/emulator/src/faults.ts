/**
 * Fault injection: the shapes, their validation, and the book that hands a matching fault to the
 * transport at the moment it applies (and uses up `times`). Spec strings live in fault-spec.ts.
 */
import { EmulatorError, EmulatorErrorCode } from "./errors.js";
import { isProfileName, type ProfileName, type TransportName } from "./profiles.js";

export type FaultProfileScope = ProfileName | "*";
export type FaultTransportScope = TransportName | "*";

/** Where a fault applies and how often; `times` omitted = for ever. */
export interface FaultScope {
  profile?: FaultProfileScope;
  transport?: FaultTransportScope;
  times?: number;
  /**
   * Per-response faults (http-status, error-event, cut, delay) skip `generate: false` warm-ups,
   * which Codex CLI sends before the real turn; true makes a warm-up take (and use up) it.
   */
  warmups?: boolean;
}

export type Fault = FaultScope &
  (
    | { kind: "upgrade-status"; status: number; body?: string }
    | { kind: "refuse" }
    | { kind: "http-status"; status: number; retryAfter?: number; code?: string; message?: string }
    | { kind: "error-event"; code: string; message?: string; afterEvents?: number }
    | { kind: "cut"; afterEvents: number; closeCode?: number; destroy?: boolean }
    | { kind: "delay"; firstEventMs?: number; betweenEventsMs?: number }
    | { kind: "forget-continuation" }
    | { kind: "connection-age"; maxAgeMs: number }
  );

export type FaultKind = Fault["kind"];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

export const faultKinds: readonly FaultKind[] = [
  "upgrade-status",
  "refuse",
  "http-status",
  "error-event",
  "cut",
  "delay",
  "forget-continuation",
  "connection-age",
];

/** Keys each kind accepts besides the scope keys; anything else is a mistake worth reporting. */
const kindKeys: Record<FaultKind, readonly string[]> = {
  "upgrade-status": ["status", "body"],
  refuse: [],
  "http-status": ["status", "retryAfter", "code", "message"],
  "error-event": ["code", "message", "afterEvents"],
  cut: ["afterEvents", "closeCode", "destroy"],
  delay: ["firstEventMs", "betweenEventsMs"],
  "forget-continuation": [],
  "connection-age": ["maxAgeMs"],
};

function invalid(where: string, what: string, fix: string): EmulatorError {
  return new EmulatorError(EmulatorErrorCode.faultInvalidValue, `Invalid fault ${where}: ${what}.`, fix);
}

function checkCount(where: string, fault: Record<string, unknown>, key: string, required: boolean): void {
  const value = fault[key];
  if (value === undefined && !required) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw invalid(where, `"${key}" must be a whole number ≥ 0, got ${JSON.stringify(value)}`, `Set "${key}" to 0 or more.`);
  }
}

function checkStatus(where: string, fault: Record<string, unknown>, min: number): void {
  const status = fault["status"];
  if (typeof status !== "number" || !Number.isInteger(status) || status < min || status > 599) {
    throw invalid(
      where,
      `"status" must be an HTTP status from ${min} to 599, got ${JSON.stringify(status)}`,
      `Use an error status such as 429 or 500.`,
    );
  }
}

function checkString(where: string, fault: Record<string, unknown>, key: string, required: boolean): void {
  const value = fault[key];
  if (value === undefined && !required) return;
  if (typeof value !== "string" || (required && value.length === 0)) {
    throw invalid(where, `"${key}" must be a non-empty string, got ${JSON.stringify(value)}`, `Give "${key}" as text.`);
  }
}

/** Validates one fault and returns a normalized copy with its scope filled in. Throws coded errors. */
export function validateFault(input: unknown, index = 0): Fault & Required<Pick<FaultScope, "profile" | "transport">> {
  const where = `#${index}`;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw invalid(where, `expected an object, got ${JSON.stringify(input)}`, `Pass faults as objects such as { kind: "refuse" }.`);
  }
  const fault = input as Record<string, unknown>;
  const kind = fault["kind"];
  if (typeof kind !== "string" || !(faultKinds as readonly string[]).includes(kind)) {
    throw new EmulatorError(
      EmulatorErrorCode.faultUnknownKind,
      `Unknown fault kind ${JSON.stringify(kind)} in fault ${where}.`,
      `Use one of: ${faultKinds.join(", ")}.`,
    );
  }
  const typedKind = kind as FaultKind;
  const profile = fault["profile"] ?? "*";
  if (profile !== "*" && !isProfileName(profile)) {
    throw new EmulatorError(
      EmulatorErrorCode.faultUnknownScope,
      `Unknown profile ${JSON.stringify(profile)} in fault ${where} (${kind}).`,
      `Use "openai", "openai-codex", "xai" or "*".`,
    );
  }
  const transport = fault["transport"] ?? "*";
  if (transport !== "*" && transport !== "http" && transport !== "websocket") {
    throw new EmulatorError(
      EmulatorErrorCode.faultUnknownScope,
      `Unknown transport ${JSON.stringify(transport)} in fault ${where} (${kind}).`,
      `Use "http", "websocket" or "*".`,
    );
  }
  const allowed = new Set(["kind", "profile", "transport", "times", "warmups", ...kindKeys[typedKind]]);
  for (const key of Object.keys(fault)) {
    if (!allowed.has(key)) {
      throw invalid(`${where} (${kind})`, `unknown key "${key}"`, `Use only: ${[...allowed].join(", ")}.`);
    }
  }
  const at = `${where} (${kind})`;
  checkCount(at, fault, "times", false);
  if (fault["times"] === 0) throw invalid(at, `"times" must be at least 1`, `Omit "times" for a permanent fault.`);
  if (fault["warmups"] !== undefined && typeof fault["warmups"] !== "boolean") {
    throw invalid(at, `"warmups" must be true or false`, `Use warmups: true to let generate: false warm-ups take the fault.`);
  }
  switch (typedKind) {
    case "upgrade-status":
      checkStatus(at, fault, 300);
      checkString(at, fault, "body", false);
      break;
    case "http-status":
      checkStatus(at, fault, 400);
      checkCount(at, fault, "retryAfter", false);
      checkString(at, fault, "code", false);
      checkString(at, fault, "message", false);
      break;
    case "error-event":
      checkString(at, fault, "code", true);
      checkString(at, fault, "message", false);
      checkCount(at, fault, "afterEvents", false);
      break;
    case "cut": {
      checkCount(at, fault, "afterEvents", true);
      const closeCode = fault["closeCode"];
      if (closeCode !== undefined && !isSendableCloseCode(closeCode)) {
        throw invalid(at, `"closeCode" ${JSON.stringify(closeCode)} cannot be sent in a close frame`, `Use 1000-1003, 1007-1014 or 3000-4999.`);
      }
      if (fault["destroy"] !== undefined && typeof fault["destroy"] !== "boolean") {
        throw invalid(at, `"destroy" must be true or false`, `Use destroy: true to drop the socket without a close frame.`);
      }
      break;
    }
    case "delay":
      checkCount(at, fault, "firstEventMs", false);
      checkCount(at, fault, "betweenEventsMs", false);
      break;
    case "connection-age":
      checkCount(at, fault, "maxAgeMs", true);
      break;
    case "refuse":
    case "forget-continuation":
      break;
  }
  return { ...(fault as unknown as Fault), profile, transport } as Fault & Required<Pick<FaultScope, "profile" | "transport">>;
}

/** Close codes a server may put in a close frame (RFC 6455 §7.4, as the ws library enforces). */
export function isSendableCloseCode(code: unknown): code is number {
  if (typeof code !== "number" || !Number.isInteger(code)) return false;
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}

export function validateFaults(input: unknown): Fault[] {
  if (!Array.isArray(input)) {
    throw invalid("list", `expected an array, got ${JSON.stringify(input)}`, `Pass faults as an array, e.g. [{ kind: "refuse" }].`);
  }
  return input.map((fault, index) => validateFault(fault, index));
}

interface Entry {
  fault: Fault;
  remaining: number;
}

/** The active faults. `take` hands out the first match for a point of effect and uses it up. */
export class FaultBook {
  #entries: Entry[] = [];

  replace(faults: readonly Fault[]): void {
    this.#entries = faults.map((fault) => ({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY }));
  }

  /** The first active fault of this kind and scope, used up once; a warm-up only takes `warmups` faults. */
  take<K extends FaultKind>(kind: K, profile: ProfileName, transport: TransportName, request: { warmup?: boolean } = {}): FaultOf<K> | undefined {
    for (const entry of this.#entries) {
      const { fault } = entry;
      if (fault.kind !== kind || entry.remaining <= 0) continue;
      if (request.warmup === true && fault.warmups !== true) continue;
      if (fault.profile !== undefined && fault.profile !== "*" && fault.profile !== profile) continue;
      if (fault.transport !== undefined && fault.transport !== "*" && fault.transport !== transport) continue;
      entry.remaining -= 1;
      return fault as FaultOf<K>;
    }
    return undefined;
  }
}
