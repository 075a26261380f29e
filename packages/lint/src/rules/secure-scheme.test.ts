import { RuleTester } from "../rule-tester.js";
import { manifest, withWebsocket } from "../test-support/manifest.js";
import { secureSchemeRule } from "./secure-scheme.js";

new RuleTester().run(secureSchemeRule, {
  valid: [
    { name: "https and wss", manifest: withWebsocket({ url: "wss://api.acme.test/v1/responses" }) },
    { name: "http on 127.0.0.1", manifest: manifest({ baseUrl: "http://127.0.0.1:8080/v1", origins: ["http://127.0.0.1:*"] }) },
    { name: "http on [::1]", manifest: manifest({ baseUrl: "http://[::1]:8080/v1", origins: ["http://[::1]:8080"] }) },
  ],
  invalid: [
    {
      name: "http to a public host, in baseUrl and origins",
      manifest: manifest({ baseUrl: "http://api.acme.test/v1", origins: ["http://api.acme.test"] }),
      errors: [
        { messageId: "insecureScheme", path: "/providers/0/baseUrl" },
        { messageId: "insecureScheme", path: "/providers/0/origins/0" },
      ],
    },
    {
      name: "ws to a public host",
      manifest: withWebsocket({ url: "ws://api.acme.test/v1/responses" }, { origins: ["https://api.acme.test", "http://api.acme.test"] }),
      errors: [
        { messageId: "insecureScheme", path: "/providers/0/origins/1" },
        { messageId: "insecureScheme", path: "/providers/0/transports/websocket/url", message: /uses ws on api\.acme\.test/ },
      ],
    },
  ],
});
