/**
 * The transport-independent core: validates a create body, resolves continuations, asks the
 * scripted model, and runs the response through a sink. HTTP and WebSocket handlers call it, so
 * the model sees the same conversation and reports the same usage on both transports.
 */
import { apiError, type ApiError } from "./api-error.js";
import { normalizeInput, type Item } from "./conversation.js";
import { FaultBook } from "./faults.js";
import { OAuthIssuer, type OAuthOptions } from "./oauth-issuer.js";
import type { Profile, TransportName } from "./profiles.js";
import { planResponse, planUsage, type ModelOptions } from "./scripted-model.js";
import { planOutput, responseEvents, responseObject, type ResponseContext, type WireEvent } from "./response-events.js";
import { ScriptQueue } from "./script-queue.js";
import { StatsRecorder } from "./stats.js";
import { runEvents, type EventSink, type RunOutcome } from "./stream-runner.js";

/** A finished response kept for `previous_response_id`: its full input and its output. */
export interface StoredResponse {
  input: Item[];
  output: Item[];
}

/** Connection-local continuation cache (websocket); HTTP has none. */
export type ContinuationCache = Map<string, StoredResponse>;

export interface PreparedResponse {
  context: ResponseContext;
  conversation: Item[];
  run(sink: EventSink, streamId: string | undefined, cache: ContinuationCache | undefined): Promise<RunOutcome>;
  /** The final response object, for non-streaming HTTP. */
  finalObject(): Record<string, unknown>;
}

// Bounds so a long benchmark cannot grow memory without limit.
const maxStored = 2_000;
export const maxCachedPerConnection = 64;
const maxMetadataDeltas = 5_000_000;

function positiveMetadata(metadata: unknown, key: string): number | ApiError | undefined {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const raw = (metadata as Record<string, unknown>)[key];
  if (raw === undefined) return undefined;
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > maxMetadataDeltas) {
    return apiError(400, "invalid_value", `metadata.${key} must be a whole number from 1 to ${maxMetadataDeltas}, as a string.`, `metadata.${key}`);
  }
  return value;
}

export class Engine {
  readonly faults = new FaultBook();
  readonly stats = new StatsRecorder();
  readonly scripts = new ScriptQueue();
  readonly modelOptions: ModelOptions;
  readonly issuer: OAuthIssuer;
  #counter = 0;
  /** Responses stored server-side (store !== false), keyed by profile and id. */
  #stored = new Map<string, StoredResponse>();

  constructor(modelOptions: ModelOptions, oauthOptions: OAuthOptions = {}) {
    this.modelOptions = modelOptions;
    this.issuer = new OAuthIssuer(oauthOptions);
  }

  nextId(prefix: string): string {
    this.#counter += 1;
    return `${prefix}_emu${this.#counter.toString().padStart(8, "0")}`;
  }

  #remember(profile: Profile, id: string, stored: StoredResponse, cache: ContinuationCache | undefined, store: boolean): void {
    if (cache) {
      cache.set(id, stored);
      if (cache.size > maxCachedPerConnection) cache.delete(cache.keys().next().value as string);
    }
    if (store) {
      this.#stored.set(`${profile.name}:${id}`, stored);
      if (this.#stored.size > maxStored) this.#stored.delete(this.#stored.keys().next().value as string);
    }
  }

  #forget(profile: Profile, id: string, cache: ContinuationCache | undefined): void {
    cache?.delete(id);
    this.#stored.delete(`${profile.name}:${id}`);
  }

  /** Checks the body and builds the response, or answers the API error the client should get. */
  prepare(
    profile: Profile,
    transport: TransportName,
    body: Record<string, unknown>,
    cache: ContinuationCache | undefined,
  ): PreparedResponse | ApiError {
    if (typeof body["model"] !== "string" || body["model"].length === 0) {
      return apiError(400, "missing_required_parameter", "Missing required parameter: 'model'.", "model");
    }
    const violation = profile.check(body, transport);
    if (violation) return apiError(400, violation.code, violation.message, violation.param);
    const input = body["input"];
    if (input !== undefined && input !== null && typeof input !== "string" && !Array.isArray(input)) {
      return apiError(400, "invalid_type", "Invalid type for 'input': expected a string or an array of input items.", "input");
    }
    const textDeltas = positiveMetadata(body["metadata"], "emulator_text_deltas");
    if (typeof textDeltas === "object") return textDeltas;
    const deltaSize = positiveMetadata(body["metadata"], "emulator_delta_size");
    if (typeof deltaSize === "object") return deltaSize;

    let history: Item[] = [];
    const previousId = body["previous_response_id"];
    if (typeof previousId === "string") {
      const forgotten = this.faults.take("forget-continuation", profile.name, transport) !== undefined;
      if (forgotten) this.#forget(profile, previousId, cache);
      const found = forgotten ? undefined : (cache?.get(previousId) ?? this.#stored.get(`${profile.name}:${previousId}`));
      if (!found) {
        return apiError(400, "previous_response_not_found", `Previous response with id '${previousId}' not found.`, "previous_response_id");
      }
      history = [...found.input, ...found.output];
    }
    const conversation = [...history, ...normalizeInput(input)];
    const options: ModelOptions = { ...this.modelOptions };
    if (textDeltas !== undefined) options.textDeltas = textDeltas;
    if (deltaSize !== undefined) options.deltaSize = deltaSize;
    const plan = planResponse({ conversation, tools: body["tools"], generate: body["generate"] !== false, options });
    const usage = planUsage(body["instructions"], conversation, plan);
    const context: ResponseContext = {
      id: this.nextId("resp"),
      createdAt: Math.floor(Date.now() / 1000),
      model: body["model"],
      body,
      itemId: this.nextId(plan.kind === "function_call" ? "fc" : "msg"),
      callId: this.nextId("call"),
    };
    const store = body["store"] !== false;
    const remember = (target: ContinuationCache | undefined): void =>
      this.#remember(profile, context.id, { input: conversation, output: planOutput(context, plan) }, target, store);

    return {
      context,
      conversation,
      finalObject: () => {
        remember(undefined);
        return responseObject(context, "completed", planOutput(context, plan), usage);
      },
      run: async (sink, streamId, target) => {
        const faults = {
          delay: this.faults.take("delay", profile.name, transport),
          errorEvent: this.faults.take("error-event", profile.name, transport),
          cut: this.faults.take("cut", profile.name, transport),
        };
        const outcome = await runEvents(responseEvents(context, plan, usage), sink, faults, streamId, {
          error: (code, message) => ({ type: "error", error: { type: "server_error", code, message, param: null } }),
          failed: (code, message) =>
            transport === "http"
              ? { type: "response.failed", response: responseObject(context, "failed", [], null, { code, message }) }
              : null,
        });
        if (outcome === "completed") remember(target);
        // A failed continuation evicts what it continued from: the client must resend in full.
        else if (typeof previousId === "string") target?.delete(previousId);
        return outcome;
      },
    };
  }
}

export function isApiError(value: PreparedResponse | ApiError): value is ApiError {
  return "status" in value && "message" in value;
}

export type { WireEvent };
