import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { schemaRule } from "./schema.js";

new RuleTester().run(schemaRule, {
  valid: [{ name: "a complete manifest", manifest: manifest() }, { name: "a manifest with $schema and entry", manifest: manifest({}, { $schema: "./x.json", entry: "./dist/index.js" }) }],
  invalid: [
    {
      name: "an unknown key is reported at the key",
      manifest: '{\n  "manifestVersion": 1,\n  "id": "acme",\n  "version": "1.0.0",\n  "hostApi": "^0.1.0",\n  "colour": "red",\n  "providers": [{ "id": "acme", "api": "openai-responses", "baseUrl": "https://a.test", "origins": ["https://a.test"], "models": {}, "transports": { "http": {} } }]\n}\n',
      errors: [{ messageId: "unknownKey", path: "/colour", line: 6, column: 3 }],
    },
    {
      name: "a missing key points at the object that lacks it",
      manifest: manifest({}, { version: undefined }),
      errors: [{ messageId: "missingKey", path: "/version", line: 1, column: 1 }],
    },
    {
      name: "a wrong value is reported at the value",
      manifest: '{\n  "manifestVersion": 2,\n  "id": "acme",\n  "version": "1.0.0",\n  "hostApi": "^0.1.0",\n  "providers": [{ "id": "acme", "api": "openai-responses", "baseUrl": "https://a.test", "origins": ["https://a.test"], "models": {}, "transports": { "http": {} } }]\n}\n',
      errors: [{ messageId: "invalidValue", path: "/manifestVersion", line: 2, column: 22 }],
    },
    {
      name: "a header name with CR/LF is refused at the key",
      manifest: manifest({ transports: { http: { headers: { "X-Bad\r\nX-Injected": "1" } } } }),
      errors: [{ messageId: "invalidHeader", path: "/providers/0/transports/http/headers/X-Bad\r\nX-Injected", message: /Header name "X-Bad\\r\\nX-Injected" .* not a valid HTTP field name/ }],
    },
    {
      name: "a header value with CR/LF is refused at the value",
      manifest: manifest({ transports: { http: { headers: { "X-Team": "a\r\nX-Injected: 1" } } } }),
      errors: [{ messageId: "invalidHeader", path: "/providers/0/transports/http/headers/X-Team", message: /contains a control character/ }],
    },
    {
      name: "a manifest nested 10 000 deep is refused before anything walks it",
      manifest: `{"manifestVersion":1,"description":${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
      errors: [{ messageId: "tooDeep", path: "", line: 1, column: 1, message: /deeper than 64 levels/ }],
    },
    {
      name: "a manifest over 1 MiB is refused",
      manifest: JSON.stringify(manifest({}, { description: "x".repeat(1024 * 1024) })),
      errors: [{ messageId: "tooLarge", path: "", message: /larger than 1048576 bytes \(1 MiB\)/ }],
    },
    {
      name: "a JSON syntax error points at the error",
      manifest: '{\n  "manifestVersion": 1,\n  "id": "acme",,\n}\n',
      errors: [{ messageId: "invalidJson", path: "", line: 3, column: 16 }],
    },
  ],
});
