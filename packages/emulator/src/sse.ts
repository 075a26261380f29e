/** Server-sent event framing, as the Responses API writes it. */

/** `event: <type>` + `data: <json>` + blank line. */
export function sseFrame(event: { type: string }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** A raw data line, used by scripted turns to send malformed payloads on purpose. */
export function sseRawFrame(text: string): string {
  return `data: ${text}\n\n`;
}

export const sseHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
} as const;
