export { createGateway, type Gateway, type GatewayOptions } from "./gateway.js";
export { DEFAULT_LIMITS, type GatewayLimits } from "./context.js";
export { hashKey, authenticate, type GatewayKey } from "./keys.js";
export { createLogger, REDACT_PATHS, type Logger } from "./logger.js";
export { listModels } from "./status-routes.js";
export { ResponseBuilder, type WireEvent } from "./response-builder.js";
export { toClientError, statusFor, type OpenAIErrorBody } from "./openai-error.js";
export { GatewayError, GatewayErrorCode } from "./errors.js";
