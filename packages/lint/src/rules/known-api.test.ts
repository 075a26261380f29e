import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { knownApiRule } from "./known-api.js";

const lineChat = { id: "line-chat", transports: ["http"], httpPath: "/chat" };

new RuleTester().run(knownApiRule, {
  valid: [
    { name: "openai-responses", manifest: manifest() },
    { name: "openai-codex-responses", manifest: manifest({ api: "openai-codex-responses" }) },
    { name: "anthropic-messages over http", manifest: manifest({ api: "anthropic-messages", transports: { http: {} } }) },
    { name: "openai-chat-completions over http", manifest: manifest({ api: "openai-chat-completions", transports: { http: {} } }) },
    { name: "an api the same extension declares", manifest: manifest({ api: "line-chat", transports: { http: {} } }, { apis: [lineChat] }) },
    {
      name: "an api another linted extension declares",
      manifest: manifest({ api: "line-chat", transports: { http: {} } }),
      others: [manifest({ id: "liner" }, { id: "liner", apis: [lineChat] })],
    },
  ],
  invalid: [
    {
      name: "an api nobody provides",
      manifest: manifest({ api: "google-generative-ai" }),
      errors: [
        {
          messageId: "unknownApi",
          path: "/providers/0/api",
          message: /declares api "google-generative-ai", which neither the host nor any loaded extension provides/,
        },
      ],
    },
    {
      name: "a websocket capability on an api only HTTP speaks",
      manifest: manifest({ api: "anthropic-messages", transports: { http: {}, websocket: { url: "wss://api.acme.test/v1/messages" } } }),
      errors: [{ messageId: "transportNotSpoken", path: "/providers/0/transports/websocket", message: /is not spoken over websocket/ }],
    },
    {
      name: "an extension redeclaring a shipped api",
      manifest: manifest({}, { apis: [{ id: "openai-responses", transports: ["http"] }] }),
      errors: [{ messageId: "duplicateApi", path: "/apis/0/id", message: /declares api "openai-responses", which the host already provides/ }],
    },
  ],
});
