import { defineExtension } from "@switchyard/sdk";

// Hooks that misbehave on purpose, one provider each: they never settle (and ignore the signal),
// or return what the host must refuse rather than send.
const never = () => new Promise(() => {});

export default defineExtension({
  id: "hostile",
  providers: {
    "hang-auth": { resolveAuth: never },
    "hang-shape": { shapeRequest: never },
    "string-auth": { resolveAuth: () => "Bearer sk-hostile-string-credential" },
    "number-auth": { resolveAuth: () => 42 },
    "crlf-auth": { resolveAuth: () => ({ authorization: "Bearer t0ken\r\nX-Injected: 1" }) },
    "null-shape": { shapeRequest: () => null },
    "circular-shape": {
      shapeRequest: (body) => {
        const shaped = { ...body, metadata: {} };
        shaped.metadata.self = shaped;
        return shaped;
      },
    },
  },
});
