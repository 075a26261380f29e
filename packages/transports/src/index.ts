export type { Transport, TurnRequest } from "@switchyard/sdk";
export {
  BUILTIN_WIRE_APIS,
  responsesApi,
  chatCompletionsApi,
  anthropicMessagesApi,
  toChatMessages,
  toAnthropicMessages,
  mapChatUsage,
  DEFAULT_MAX_TOKENS,
} from "./apis/index.js";
export { createJsonLinesDecoder } from "./json-lines-decoder.js";
export type { TransportTimeouts } from "./timeouts.js";
export { DEFAULT_TIMEOUTS } from "./timeouts.js";
export { createHttpTransport, type HttpTransportOptions } from "./http-transport.js";
export {
  createWebSocketTransport,
  type WebSocketTransport,
  type WebSocketTransportOptions,
} from "./websocket-transport.js";
export {
  TransportError,
  TransportErrorCode,
  isTransportError,
  type TransportErrorDetails,
  type TransportPhase,
  type TimeoutKind,
} from "./errors.js";
export { createEventMapper, mapUsage, type EventMapper, type Terminal } from "./event-mapper.js";
export { createSseDecoder, parseFrame, MalformedFrameError, type SseDecoder, type ServerFrame } from "./sse-decoder.js";
export { credentialFingerprint } from "./credentials.js";
export { probeHttpEndpoint, probeWebSocketEndpoint, type ProbeResult } from "./probe.js";
