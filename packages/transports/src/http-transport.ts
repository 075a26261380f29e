import { eventsOf, memoize, type Transport, type TurnRequest, type UnifiedEvent } from "@switchyard/sdk";
import { Agent, type Dispatcher } from "undici";
import { beginTurn } from "./credentials.js";
import {
  closedEarly,
  connectFailed,
  httpStatus,
  malformedFrame,
  protocolUnsupported,
  redirectRefused,
  transportClosed,
} from "./errors.js";
import { parseRetryAfter, readErrorBody } from "./http-error-body.js";
import { perHeaderSet } from "./header-set-cache.js";
import { createJsonLinesDecoder } from "./json-lines-decoder.js";
import { createSseDecoder, MalformedFrameError, type ServerFrame } from "./sse-decoder.js";
import { throwTerminal } from "./terminal.js";
import { createTurnControl } from "./turn-control.js";
import { DEFAULT_TIMEOUTS, type TransportTimeouts } from "./timeouts.js";

export interface HttpTransportOptions {
  /** How long an idle pooled connection is kept open. Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Pooled connections per origin. Default 16. */
  connectionsPerOrigin?: number;
  /** Timeouts used when a turn does not set its own. */
  defaultTimeouts?: TransportTimeouts;
}

/** The body the HTTP transport POSTs: the request's codec encodes the whole conversation (HTTP keeps no server state). */
function requestBody(request: TurnRequest): string {
  const { items, newItems } = request.input;
  return JSON.stringify(request.api.encode({ transport: "http", body: request.body, items, newItems }));
}

/** Reads what follows the terminal event (normally nothing) so the socket can be reused; gives up after 64 KiB. */
async function drain(iterator: AsyncIterator<Uint8Array>): Promise<void> {
  let bytes = 0;
  try {
    while (bytes < 64 * 1024) {
      const rest = await iterator.next();
      if (rest.done) return;
      bytes += rest.value.length;
    }
  } catch {
    // The response is over for the consumer either way; a broken tail only costs the socket.
  }
}

/** What each turn's request sends: the header names lowercased, plus the content type and accept. */
const sentHeaders = perHeaderSet((given): Readonly<Record<string, string>> => {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(given)) headers[name.toLowerCase()] = given[name] ?? "";
  headers["content-type"] = "application/json";
  headers.accept = "text/event-stream";
  return Object.freeze(headers);
});

/** The origin and path of a turn's URL, parsed once per URL. */
const targetOf = memoize((url: string) => {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: parsed.pathname + parsed.search };
});

/**
 * Streaming HTTP for any wire API: POST `url` with the body the request's codec encodes, read
 * SSE or JSON Lines as the codec frames them, on undici keep-alive pools (one per origin).
 * Redirects are never followed. Throws from the iterator: SY_ERR_TRANSPORT_ORIGIN_REFUSED,
 * PROTOCOL_UNSUPPORTED, CONNECT_FAILED, HTTP_STATUS, REDIRECT_REFUSED, CLOSED_EARLY,
 * MALFORMED_FRAME, SERVER_ERROR, RESPONSE_FAILED, TIMEOUT, ABORTED, CLOSED.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connections: options.connectionsPerOrigin ?? 16,
    // Our own turn timeouts apply; undici's would surface as uncoded errors.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const defaults = { ...DEFAULT_TIMEOUTS, ...options.defaultTimeouts };
  let closed = false;

  async function* streamBatches(request: TurnRequest): AsyncGenerator<readonly UnifiedEvent[]> {
    const context = beginTurn("http", request, closed);
    const framing = request.api.framing.http;
    if (framing === undefined) throw protocolUnsupported(context, request.api.id);
    // Encoded before connecting, so a codec's own error surfaces as itself, not as a connect failure.
    const payload = requestBody(request);
    const target = targetOf(request.url);
    const control = createTurnControl(context, { ...defaults, ...request.timeouts }, request.signal);
    let response: Dispatcher.ResponseData | undefined;
    let finished = false;
    try {
      control.enter("connect");
      try {
        response = await agent.request({
          origin: target.origin,
          path: target.path,
          method: "POST",
          headers: sentHeaders(request.headers),
          body: payload,
          // undici takes any object with aborted/reason and an "abort" listener (lib/api/api-request.js).
          signal: control.signal as unknown as AbortSignal,
        });
      } catch (error) {
        throw control.interruption ?? (closed ? transportClosed(context) : connectFailed(context, error));
      }
      const { statusCode, headers, body } = response;
      if (statusCode >= 300 && statusCode < 400) {
        await readErrorBody(body);
        throw redirectRefused(context, statusCode);
      }
      if (statusCode < 200 || statusCode >= 300) {
        const server = await readErrorBody(body);
        throw httpStatus(context, statusCode, server, parseRetryAfter(headers));
      }

      control.enter("first-event");
      const wire = request.api.createDecoder({ transport: "http", input: "full" });
      // Frames are decoded inside the parser's callback: one network read becomes one batch.
      let batch: UnifiedEvent[] = [];
      let failure: unknown;
      let sawFrame = false;
      // After the terminal event (or a failure) nothing more belongs to this response.
      let over = false;
      // Where the terminal frame's events start in the batch: the events before it need not wait for the drain.
      let terminalAt = 0;
      const onFrame = (frame: ServerFrame): void => {
        sawFrame = true;
        if (over) return;
        const before = batch.length;
        // A codec that throws stops the decoder's feed; the catch around feed() codes it.
        wire.decode(frame, batch);
        if (wire.terminal !== undefined) {
          over = true;
          terminalAt = before;
        }
      };
      const decoder = framing === "sse" ? createSseDecoder(onFrame) : createJsonLinesDecoder(onFrame);
      const iterator = body[Symbol.asyncIterator]();
      for (;;) {
        // The idle clock measures the server, not the consumer: restart it whenever we wait again.
        if (sawFrame) control.activity();
        let next: IteratorResult<Uint8Array>;
        try {
          next = await iterator.next();
        } catch {
          throw control.interruption ?? (closed ? transportClosed(context) : closedEarly(context));
        }
        try {
          if (next.done) decoder.end();
          else decoder.feed(next.value);
        } catch (error) {
          // The framing's own MalformedFrameError, or what the codec threw on a frame: either way a malformed frame, coded.
          failure ??= malformedFrame(context, error instanceof MalformedFrameError ? error : new MalformedFrameError(error));
        }
        if (next.done && failure === undefined && wire.terminal === undefined) {
          // Some wire APIs end with the body rather than an end event (Chat Completions' [DONE]).
          wire.end?.(batch);
        }
        const terminal = wire.terminal;
        if (terminal !== undefined) {
          finished = true;
          if (!next.done) {
            // The events before the terminal one go out now; the terminal's wait until the
            // (normally empty) rest is read, so the socket goes back to the pool clean even if the
            // consumer stops pulling at response-end, and a server slow to end the body holds
            // back only that.
            if (terminalAt > 0) {
              const early = batch.slice(0, terminalAt);
              batch = batch.slice(terminalAt);
              context.eventsReceived += early.length;
              yield early;
            }
            await drain(iterator);
          }
        }
        if (batch.length > 0) {
          const ready = batch;
          batch = [];
          context.eventsReceived += ready.length;
          yield ready;
        }
        if (terminal !== undefined) {
          throwTerminal(terminal, context);
          return;
        }
        if (failure !== undefined) throw failure;
        if (next.done) throw control.interruption ?? closedEarly(context);
        if (control.interruption) throw control.interruption;
      }
    } finally {
      control.dispose();
      // A turn that did not read its body to the end (error, abort, consumer stopped) must not
      // leave a half-read response on a pooled socket: destroying it closes that socket.
      if (response && !(finished && response.body.readableEnded)) {
        if (!response.body.destroyed) response.body.destroy();
      }
    }
  }

  return {
    kind: "http",
    streamBatches,
    stream: (request) => eventsOf(streamBatches(request)),
    async close() {
      if (closed) return;
      closed = true;
      await agent.destroy();
    },
  };
}
