/**
 * Request bodies as clients compress them: Codex CLI's ChatGPT mode sends `Content-Encoding: zstd`,
 * others may send gzip, deflate or br. Node 20's zlib has no zstd, so fzstd decodes that one.
 * Every decoder stops at the body limit, so a small compressed bomb cannot fill memory.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { Decompress } from "fzstd";
import { apiError, type ApiError } from "./api-error.js";

/** Content codings the emulator decodes, as the real endpoints accept them. */
export const supportedEncodings = ["identity", "zstd", "gzip", "deflate", "br"] as const;

function tooLarge(maxBytes: number): ApiError {
  return apiError(413, "request_too_large", `The decompressed request body is larger than ${maxBytes} bytes. Send a smaller body.`);
}

function zstd(bytes: Buffer, maxBytes: number): Buffer {
  const parts: Uint8Array[] = [];
  let size = 0;
  const stream = new Decompress((chunk) => {
    size += chunk.length;
    if (size > maxBytes) throw new RangeError("too large");
    parts.push(chunk);
  });
  stream.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), true);
  return Buffer.concat(parts);
}

function decodeOne(encoding: string, bytes: Buffer, maxBytes: number): Buffer {
  const limit = { maxOutputLength: maxBytes };
  switch (encoding) {
    case "zstd":
      return zstd(bytes, maxBytes);
    case "gzip":
    case "x-gzip":
      return gunzipSync(bytes, limit);
    case "deflate":
      return inflateSync(bytes, limit);
    case "br":
      return brotliDecompressSync(bytes, limit);
    default:
      return bytes;
  }
}

/**
 * Decodes a body by its Content-Encoding (codings listed in the order applied, so undone in
 * reverse). Answers 415 for a coding the service does not accept, 400 for bytes that do not decode.
 */
export function decodeBody(bytes: Buffer, header: string | undefined, maxBytes: number): Buffer | ApiError {
  const codings = (header ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding.length > 0 && coding !== "identity");
  for (const coding of codings) {
    if (!(supportedEncodings as readonly string[]).includes(coding) && coding !== "x-gzip") {
      return apiError(
        415,
        "unsupported_content_encoding",
        `Unsupported Content-Encoding "${coding}". Send the body uncompressed or as ${supportedEncodings.filter((e) => e !== "identity").join(", ")}.`,
      );
    }
  }
  let decoded = bytes;
  for (const coding of [...codings].reverse()) {
    try {
      decoded = decodeOne(coding, decoded, maxBytes);
    } catch (error) {
      const isLimit = error instanceof RangeError || (error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE";
      if (isLimit) return tooLarge(maxBytes);
      return apiError(400, "invalid_body_encoding", `The request body is not valid ${coding} data. Compress it with ${coding} or drop the Content-Encoding header.`);
    }
  }
  return decoded;
}
