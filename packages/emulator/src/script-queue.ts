/**
 * Scripted-frames mode: queued turns that answer the next matching request with exact frames,
 * instead of the model. Used to replay recorded and fixture streams, malformed JSON, premature closes.
 */
import { EmulatorError, EmulatorErrorCode } from "./errors.js";
import { isSendableCloseCode, type FaultProfileScope, type FaultTransportScope } from "./faults.js";
import { isProfileName } from "./profiles.js";
import type { ProfileName, TransportName } from "./profiles.js";

export interface ScriptedTurn {
  /** Objects go out as JSON (SSE `event:`+`data:`; one ws text message); strings go out raw. */
  frames: Array<Record<string, unknown> | string>;
  /** WebSocket: close with this code after the frames. */
  closeCode?: number;
  /** Destroy the socket after the frames (no close frame / no chunked terminator). */
  destroy?: boolean;
  /** HTTP: write the body in pieces of this many bytes, each a separate write. */
  httpChunkBytes?: number;
  /**
   * WebSocket: write the frames' bytes in pieces of this many bytes, each a separate write, so a
   * frame may span reads and one read may hold several frames. Uncompressed connections only
   * (a client that negotiated permessage-deflate gets one message per frame, as without it).
   */
  websocketChunkBytes?: number;
}

export interface ScriptScope {
  profile?: FaultProfileScope;
  transport?: FaultTransportScope;
}

function bad(what: string, fix: string): EmulatorError {
  return new EmulatorError(EmulatorErrorCode.scriptInvalid, `Invalid scripted turn: ${what}.`, fix);
}

function validateTurn(turn: unknown, index: number): ScriptedTurn {
  if (typeof turn !== "object" || turn === null || Array.isArray(turn)) {
    throw bad(`turn #${index} is not an object`, `Pass turns like { frames: [{ type: "response.created", ... }] }.`);
  }
  const record = turn as Record<string, unknown>;
  const frames = record["frames"];
  if (!Array.isArray(frames)) throw bad(`turn #${index} has no frames array`, `Give each turn a "frames" array.`);
  frames.forEach((frame, at) => {
    const isObject = typeof frame === "object" && frame !== null && !Array.isArray(frame);
    if (typeof frame !== "string" && !isObject) {
      throw bad(`turn #${index} frame #${at} is neither an object nor a string`, `Use objects for JSON frames and strings for raw text.`);
    }
  });
  const closeCode = record["closeCode"];
  if (closeCode !== undefined && !isSendableCloseCode(closeCode)) {
    throw bad(`turn #${index} closeCode ${JSON.stringify(closeCode)} cannot be sent`, `Use 1000-1003, 1007-1014 or 3000-4999.`);
  }
  for (const field of ["httpChunkBytes", "websocketChunkBytes"]) {
    const chunk = record[field];
    if (chunk !== undefined && (typeof chunk !== "number" || !Number.isInteger(chunk) || chunk < 1)) {
      throw bad(`turn #${index} ${field} ${JSON.stringify(chunk)} is not a whole number ≥ 1`, `Use 1 for byte-by-byte delivery.`);
    }
  }
  if (record["destroy"] !== undefined && typeof record["destroy"] !== "boolean") {
    throw bad(`turn #${index} destroy must be true or false`, `Use destroy: true to drop the socket after the frames.`);
  }
  return record as unknown as ScriptedTurn;
}

interface Queued {
  turn: ScriptedTurn;
  profile: FaultProfileScope;
  transport: FaultTransportScope;
}

export class ScriptQueue {
  #queue: Queued[] = [];

  add(turns: unknown, scope: ScriptScope = {}): void {
    if (!Array.isArray(turns)) throw bad("turns must be an array", `Call script([{ frames: [...] }]).`);
    const profile = scope.profile ?? "*";
    const transport = scope.transport ?? "*";
    if (profile !== "*" && !isProfileName(profile)) {
      throw bad(`unknown profile ${JSON.stringify(profile)}`, `Use "openai", "openai-codex", "xai" or "*".`);
    }
    if (transport !== "*" && transport !== "http" && transport !== "websocket") {
      throw bad(`unknown transport ${JSON.stringify(transport)}`, `Use "http", "websocket" or "*".`);
    }
    const validated = turns.map((turn, index) => validateTurn(turn, index));
    for (const turn of validated) this.#queue.push({ turn, profile, transport });
  }

  /** The first queued turn for this request, removed from the queue. */
  take(profile: ProfileName, transport: TransportName): ScriptedTurn | undefined {
    const index = this.#queue.findIndex(
      (entry) => (entry.profile === "*" || entry.profile === profile) && (entry.transport === "*" || entry.transport === transport),
    );
    if (index === -1) return undefined;
    return this.#queue.splice(index, 1)[0]?.turn;
  }

  get size(): number {
    return this.#queue.length;
  }

  clear(): void {
    this.#queue = [];
  }
}
