/**
 * A server that does no work per frame, for the streaming benchmarks. Measured first with the
 * emulator's scripted mode: a websocket client that only counted messages was as slow as one that
 * parsed them (~3.5 µs per frame, the emulator's ws.send per frame), so that figure was the
 * server's. This one lives in the emulator child process and answers every
 * `POST …/responses` with one write of the pre-rendered SSE body, and every websocket text
 * message with one write of the pre-encoded websocket frames — the same bytes the emulator would
 * send, with no per-frame cost on the server side.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { encodeTextFrame } from "@switchyard/emulator";
import { renderSse } from "./stream-frames.js";

const WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/**
 * Splits the client's (masked) frames out of `buffer`; returns their opcodes and the unread rest.
 * Payloads are not needed: any text message is a response.create.
 */
function readFrames(buffer: Buffer): { opcodes: number[]; rest: Buffer } {
  const opcodes: number[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const first = buffer[offset] as number;
    const second = buffer[offset + 1] as number;
    let length = second & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if (second & 0x80) header += 4;
    if (buffer.length - offset < header + length) break;
    opcodes.push(first & 0x0f);
    offset += header + length;
  }
  return { opcodes, rest: buffer.subarray(offset) };
}

export interface FrameServer {
  endpoint: { baseUrl: string; websocketUrl: string };
  /** Pre-renders these frames (JSON strings) for both transports; every later request gets them. */
  serve(frames: readonly string[]): void;
  close(): Promise<void>;
}

export async function startFrameServer(): Promise<FrameServer> {
  let sse = Buffer.alloc(0);
  let websocket = Buffer.alloc(0);
  const sockets = new Set<Socket | Duplex>();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/responses")) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "content-length": sse.length });
      res.end(sse);
    });
  });
  server.on("connection", (socket: Socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("upgrade", (req, socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    const key = req.headers["sec-websocket-key"];
    const accept = createHash("sha1").update(`${key}${WEBSOCKET_GUID}`).digest("base64");
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      const { opcodes, rest } = readFrames(pending.length ? Buffer.concat([pending, chunk]) : chunk);
      pending = Buffer.from(rest);
      for (const opcode of opcodes) {
        if (opcode === 0x1) socket.write(websocket);
        else if (opcode === 0x8) socket.end(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
      }
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: { baseUrl: `http://127.0.0.1:${port}/v1`, websocketUrl: `ws://127.0.0.1:${port}/v1/responses` },
    serve(frames) {
      sse = renderSse(frames);
      websocket = Buffer.concat(frames.map((frame) => encodeTextFrame(frame)));
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
