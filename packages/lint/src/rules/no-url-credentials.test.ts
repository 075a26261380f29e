import { RuleTester } from "../rule-tester.js";
import { manifest, withWebsocket } from "../test-support/manifest.js";
import { noUrlCredentialsRule } from "./no-url-credentials.js";

new RuleTester().run(noUrlCredentialsRule, {
  valid: [
    { name: "URLs without userinfo", manifest: withWebsocket({ url: "wss://api.acme.test/v1/responses" }) },
    { name: "an @ in the path is not userinfo", manifest: manifest({ baseUrl: "https://api.acme.test/v1/@team" }) },
  ],
  invalid: [
    {
      name: "a password in baseUrl, never repeated in the message",
      manifest: manifest({ baseUrl: "https://admin:hunter2@api.acme.test/v1" }),
      errors: [{ messageId: "urlCredentials", path: "/providers/0/baseUrl", message: /^(?!.*hunter2).*carries credentials \(user:password@\)/ }],
    },
    {
      name: "a user and password in the websocket url",
      manifest: withWebsocket({ url: "wss://bob:s3cr3tpw@api.acme.test/v1/responses" }),
      errors: [{ messageId: "urlCredentials", path: "/providers/0/transports/websocket/url", message: /^(?!.*(bob|s3cr3tpw))/ }],
    },
    {
      name: "a user name alone in an origin",
      manifest: manifest({ origins: ["https://api.acme.test", "https://deploy@api.acme.test"] }),
      errors: [{ messageId: "urlCredentials", path: "/providers/0/origins/1" }],
    },
  ],
});
