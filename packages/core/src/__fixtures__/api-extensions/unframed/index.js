import { defineExtension } from "@switchyard/sdk";

const codec = { id: "unframed-chat", framing: { http: "sse" }, encode: () => ({}), createDecoder: () => ({ decode() {}, terminal: undefined, responseId: undefined }) };

// The manifest says websocket speaks this api, but the codec frames HTTP only: the host refuses the entry.
export default defineExtension({ id: "unframed", providers: { unframed: {} }, apis: { "unframed-chat": codec } });
