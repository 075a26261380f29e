import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { uniqueProviderIdRule } from "./unique-provider-id.js";

const provider = (id: string) => ({
  id,
  api: "openai-responses",
  baseUrl: "https://api.acme.test/v1",
  origins: ["https://api.acme.test"],
  models: {},
  transports: { http: {} },
});

new RuleTester().run(uniqueProviderIdRule, {
  valid: [
    { name: "one provider", manifest: manifest() },
    { name: "two providers with their own ids", manifest: { ...manifest(), providers: [provider("a"), provider("b")] } },
    { name: "another extension with other providers", manifest: manifest(), others: [{ ...manifest({}, { id: "other" }), providers: [provider("other")] }] },
  ],
  invalid: [
    {
      name: "the same id twice in one manifest",
      manifest: { ...manifest(), providers: [provider("a"), provider("b"), provider("a")] },
      errors: [{ messageId: "duplicateInManifest", path: "/providers/2/id", message: 'Provider id "a" is already declared at /providers/0 of this manifest.' }],
    },
    {
      name: "an id another linted extension declares",
      manifest: manifest(),
      others: [{ filePath: "/work/other/switchyard.extension.json", manifest: manifest({}, { id: "other" }) }],
      options: { cwd: "/work" },
      errors: [
        {
          messageId: "duplicateAcrossExtensions",
          path: "/providers/0/id",
          message: 'Provider id "acme" is also declared by extension "other" (other/switchyard.extension.json).',
        },
      ],
    },
  ],
});
