/**
 * The transport-independent core: validates a create body, resolves continuations, asks the
 * scripted model, and runs the response through a sink. HTTP and WebSocket handlers call it, so
 * the model sees the same conversation and reports the same usage on both transports.
 */
import { apiError, type ApiError } from "./api-error.js";
import { endsWithCompactionTrigger, expandCompactions } from "./compaction.js";
import { normalizeInput, type Item } from "./conversation.js";
import { FaultBook } from "./faults.js";
import { OAuthIssuer, type OAuthOptions } from "./oauth-issuer.js";
import type { Profile, TransportName } from "./profiles.js";
import { planResponse, planUsage, type ModelOptions } from "./scripted-model.js";
import { checkRequestFields } from "./request-fields.js";
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
  /** Prompt tokens last seen per `prompt_cache_key`, so a repeat reports cached tokens. */
  #promptCache = new Map<string, number>();

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
    const fieldError = checkRequestFields(body);
    if (fieldError) return fieldError;
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
    const items = normalizeInput(input);
    const expanded = expandCompactions([...history, ...items]);
    if (expanded.unreadable !== null) return unreadableCompaction();
    const conversation = expanded.items;
    const options: ModelOptions = { ...this.modelOptions };
    if (textDeltas !== undefined) options.textDeltas = textDeltas;
    if (deltaSize !== undefined) options.deltaSize = deltaSize;
    const text = body["text"];
    const plan = planResponse({
      conversation,
      tools: body["tools"],
      generate: body["generate"] !== false,
      options,
      toolChoice: body["tool_choice"],
      textFormat: typeof text === "object" && text !== null ? (text as Item)["format"] : undefined,
      reasoning: body["reasoning"],
      include: body["include"],
      ...(typeof body["max_output_tokens"] === "number" ? { maxOutputTokens: body["max_output_tokens"] } : {}),
      compact: endsWithCompactionTrigger(items),
    });
    const usage = planUsage(body["instructions"], conversation, plan);
    usage.input_tokens_details.cached_tokens = this.#cachedTokens(body["prompt_cache_key"], usage.input_tokens);
    const context: ResponseContext = {
      id: this.nextId("resp"),
      createdAt: Math.floor(Date.now() / 1000),
      model: body["model"],
      body,
      itemId: this.nextId(itemPrefix[plan.kind]),
      callId: this.nextId("call"),
      reasoningId: this.nextId("rs"),
    };
    const warmup = plan.kind === "none";
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
        // A warm-up (generate: false) uses up no fault unless the fault asks for warm-ups too.
        const take = { warmup };
        const faults = {
          delay: this.faults.take("delay", profile.name, transport, take),
          errorEvent: this.faults.take("error-event", profile.name, transport, take),
          cut: this.faults.take("cut", profile.name, transport, take),
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

  #cachedTokens(key: unknown, inputTokens: number): number {
    if (typeof key !== "string" || key.length === 0) return 0;
    const previous = this.#promptCache.get(key);
    this.#promptCache.delete(key);
    this.#promptCache.set(key, inputTokens);
    if (this.#promptCache.size > maxStored) this.#promptCache.delete(this.#promptCache.keys().next().value as string);
    // The cache holds whole blocks of the prompt both requests share, as the real service reports it.
    return previous === undefined ? 0 : Math.floor(Math.min(previous, inputTokens) / cacheBlockTokens) * cacheBlockTokens;
  }

  /** `POST …/responses/compact`: the input as one compaction item, answered whole (not streamed). */
  compact(profile: Profile, body: Record<string, unknown>): Record<string, unknown> | ApiError {
    const request = { ...body, store: false, stream: true, input: [...normalizeInput(body["input"]), { type: "compaction_trigger" }] };
    const prepared = this.prepare(profile, "http", request, undefined);
    if (isApiError(prepared)) return prepared;
    const response = prepared.finalObject();
    return { id: response["id"], object: "response.compaction", created_at: response["created_at"], output: response["output"], usage: response["usage"] };
  }
}

const itemPrefix = { text: "msg", function_call: "fc", custom_tool_call: "ctc", compaction: "cmp", none: "msg" } as const;
// Prompt caching works in blocks; small prompts still report what they share.
const cacheBlockTokens = 16;

function unreadableCompaction(): ApiError {
  return apiError(400, "invalid_encrypted_content", "The encrypted content of a compaction item could not be verified. Send back the compaction item exactly as it was returned.", "input");
}

export function isApiError<T extends object>(value: T | ApiError): value is ApiError {
  return "status" in value && "message" in value;
}

export type { WireEvent };
