import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";

const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Reads an error response's body (up to 64 KiB, then destroys it so the socket closes instead of
 * returning dirty to the pool) and extracts the Responses API `error.code` / `error.message`.
 */
export async function readErrorBody(body: Dispatcher.ResponseData["body"]): Promise<{ code?: string; message?: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_ERROR_BODY_BYTES) {
        body.destroy();
        break;
      }
      chunks.push(buffer);
    }
  } catch {
    return {};
  }
  return parseErrorJson(Buffer.concat(chunks).toString("utf8"));
}

/**
 * `{ error: { code, message, type } }` (or a top-level code/message, or the ChatGPT backend's
 * `{ detail }`) from an error body; {} when not JSON.
 */
export function parseErrorJson(text: string): { code?: string; message?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null) return {};
  const outer = value as Record<string, unknown>;
  const inner = typeof outer.error === "object" && outer.error !== null ? (outer.error as Record<string, unknown>) : outer;
  const result: { code?: string; message?: string } = {};
  const code = typeof inner.code === "string" ? inner.code : typeof inner.type === "string" ? inner.type : undefined;
  if (code) result.code = code;
  if (typeof inner.message === "string") result.message = inner.message;
  else if (typeof outer.detail === "string") result.message = outer.detail;
  return result;
}

/** `retry-after-ms`, or `retry-after` as seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
  const milliseconds = first(headers["retry-after-ms"]);
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds.trim())) return Math.round(Number(milliseconds));
  const value = first(headers["retry-after"])?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
