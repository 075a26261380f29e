import { pino, type DestinationStream, type Logger } from "pino";

/** Paths pino replaces with "[redacted]" wherever a log line carries them. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers['api-key']",
  "req.headers.cookie",
  "headers.authorization",
  "*.authorization",
  "*.apiKey",
  "*.api_key",
  "*.token",
  "*.secret",
  "*.password",
];

/**
 * JSON logs (one object per line). Provider credentials never reach a log call; client keys sit
 * in headers, which the redact paths cover; error messages are scrubbed by the caller.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "switchyard-gateway" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

export type { Logger };
