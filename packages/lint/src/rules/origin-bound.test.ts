import { RuleTester } from "../rule-tester.js";
import { manifest, withWebsocket } from "../test-support/manifest.js";
import { originBoundRule } from "./origin-bound.js";

new RuleTester().run(originBoundRule, {
  valid: [
    { name: "baseUrl and websocket url on the declared origin", manifest: withWebsocket({ url: "wss://api.acme.test/v1/responses" }) },
    {
      name: "a :* origin covers any port on its host",
      manifest: manifest({ baseUrl: "http://localhost:11434/v1", origins: ["http://localhost:*"] }),
    },
  ],
  invalid: [
    {
      name: "a websocket url on another host (the codex failure)",
      manifest: withWebsocket({ url: "wss://api.openai.com/v1/responses" }),
      errors: [{ messageId: "outsideOrigins", path: "/providers/0/transports/websocket/url", message: /outside provider "acme"'s origins/ }],
    },
    {
      name: "a baseUrl outside the origins",
      manifest: manifest({ baseUrl: "https://evil.test/v1" }),
      errors: [{ messageId: "outsideOrigins", path: "/providers/0/baseUrl" }],
    },
    {
      name: "an origin with a path is not an origin",
      manifest: manifest({ origins: ["https://api.acme.test", "https://api.acme.test/v1"] }),
      errors: [{ messageId: "invalidUrl", path: "/providers/0/origins/1" }],
    },
  ],
});
