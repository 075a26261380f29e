/**
 * @switchyard/emulator — a local OpenAI Responses API server (HTTP SSE and WebSocket mode) with
 * dialect profiles, fault injection, scripted frames and wire stats.
 */
export { startEmulator, type Emulator, type EmulatorOAuth, type EmulatorOptions, type ProfileEndpoint } from "./server.js";
export type { OAuthOptions, OAuthStats } from "./oauth-issuer.js";
export { parseFaultSpec } from "./fault-spec.js";
export { encodeTextFrame } from "./websocket-frames.js";
export { validateFaults, faultKinds, type Fault, type FaultKind, type FaultScope, type FaultProfileScope, type FaultTransportScope } from "./faults.js";
export { EmulatorError, EmulatorErrorCode } from "./errors.js";
export { profileNames, type ProfileName, type TransportName } from "./profiles.js";
export type { ModelOptions } from "./scripted-model.js";
export type { ScriptedTurn, ScriptScope } from "./script-queue.js";
export type { EmulatorStats, TransportStats, RequestLogEntry } from "./stats.js";
export {
  loadWebSocketScenarios,
  loadRecordedStream,
  recordedStreamNames,
  type WebSocketScenario,
  type WebSocketScenarioTurn,
  type WebSocketScenarios,
} from "./fixtures.js";
