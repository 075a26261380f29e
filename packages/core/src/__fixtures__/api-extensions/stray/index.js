import { defineExtension } from "@switchyard/sdk";

const codec = { id: "undeclared-chat", framing: { http: "sse" }, encode: () => ({}), createDecoder: () => ({ decode() {}, terminal: undefined, responseId: undefined }) };

// Exports a codec its manifest does not declare: the host refuses the entry.
export default defineExtension({ id: "stray", providers: {}, apis: { "undeclared-chat": codec } });
