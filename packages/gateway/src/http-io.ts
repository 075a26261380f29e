import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import { bodyInvalid, bodyTooLarge, encodingUnsupported } from "./errors.js";

const DECODERS: Record<string, (input: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};
import { toClientError } from "./openai-error.js";

/** A client's x-request-id when it is a sane token, else a new one. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : `req_${randomUUID().replaceAll("-", "")}`;
}

/**
 * Reads a JSON body up to `limit` bytes, before and after decompression (gzip, deflate, br).
 * @throws SY_ERR_GATEWAY_BODY_TOO_LARGE, SY_ERR_GATEWAY_BODY_INVALID, SY_ERR_GATEWAY_ENCODING_UNSUPPORTED
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<{ json: unknown; bytes: number }> {
  const encoding = String(req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  const decode = DECODERS[encoding];
  if (!decode && encoding !== "identity") throw encodingUnsupported(encoding);
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw bodyTooLarge(limit);
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > limit) throw bodyTooLarge(limit);
    chunks.push(chunk);
  }
  let body: Buffer = Buffer.concat(chunks);
  if (decode) {
    try {
      body = await decode(body, { maxOutputLength: limit });
    } catch (error) {
      if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw bodyTooLarge(limit);
      throw bodyInvalid(`the ${encoding} body does not decompress (${(error as Error).message})`);
    }
  }
  try {
    return { json: JSON.parse(body.toString("utf8")), bytes };
  } catch (error) {
    throw bodyInvalid(`not valid JSON (${(error as Error).message})`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Answers with the OpenAI error shape; closes the connection when the body was not read. */
export function sendError(res: ServerResponse, error: unknown, scrub: (text: string) => string, headers: Record<string, string> = {}): number {
  const { status, body } = toClientError(error, scrub);
  if (res.headersSent) {
    res.end();
    return status;
  }
  const closing: Record<string, string> = (error as { code?: unknown }).code === "SY_ERR_GATEWAY_BODY_TOO_LARGE" ? { connection: "close" } : {};
  sendJson(res, status, body, { ...headers, ...closing });
  return status;
}
