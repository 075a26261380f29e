import { RuleTester } from "../rule-tester.js";
import { manifest, withWebsocket } from "../test-support/manifest.js";
import { websocketUrlRequiredRule } from "./websocket-url-required.js";

new RuleTester().run(websocketUrlRequiredRule, {
  valid: [
    { name: "no websocket capability at all", manifest: manifest() },
    { name: "a wss url", manifest: withWebsocket({ url: "wss://api.acme.test/v1/responses" }) },
    {
      name: "a ws url on loopback",
      manifest: withWebsocket({ url: "ws://127.0.0.1:8080/v1/responses" }, { baseUrl: "http://127.0.0.1:8080/v1", origins: ["http://127.0.0.1:*"] }),
    },
  ],
  invalid: [
    {
      name: "a websocket capability without url",
      manifest: withWebsocket({ stability: "stable" }),
      errors: [{ messageId: "missingUrl", path: "/providers/0/transports/websocket", message: /without a url/ }],
    },
    {
      name: "a websocket url that is not ws or wss",
      manifest: withWebsocket({ url: "https://api.acme.test/v1/responses" }),
      errors: [{ messageId: "notWebsocketUrl", path: "/providers/0/transports/websocket/url" }],
    },
  ],
});
