import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { aliasCollisionRule } from "./alias-collision.js";

const models = (value: Record<string, unknown>) => manifest({ models: { default: "acme-1", known: ["acme-1", "acme-2"], ...value } });

new RuleTester().run(aliasCollisionRule, {
  valid: [
    { name: "aliases to known models", manifest: models({ aliases: { latest: "acme-2", "acme-1-fast": "acme-1" } }) },
    { name: "a simple accept pattern", manifest: models({ accept: "^acme-" }) },
    { name: "patterns that backtrack in JavaScript are fine under RE2", manifest: models({ accept: "^(a|a)+$" }) },
    { name: "nested quantifiers too", manifest: models({ accept: "^((a+))+$" }) },
    { name: "the same alias in a provider of the same id is not a cross-provider clash", manifest: models({ aliases: { latest: "acme-2" } }) },
  ],
  invalid: [
    {
      name: "an alias that shadows a known model",
      manifest: models({ aliases: { "acme-2": "acme-1" } }),
      errors: [{ messageId: "shadowsModel", path: "/providers/0/models/aliases/acme-2" }],
    },
    {
      name: "an alias that shadows the default model",
      manifest: manifest({ models: { default: "acme-9", aliases: { "acme-9": "acme-1" } } }),
      errors: [{ messageId: "shadowsModel", path: "/providers/0/models/aliases/acme-9", message: /as default/ }],
    },
    {
      name: "an alias pointing at itself",
      manifest: models({ aliases: { latest: "latest" } }),
      errors: [{ messageId: "selfAlias", path: "/providers/0/models/aliases/latest" }],
    },
    {
      name: "an alias chain",
      manifest: models({ aliases: { newest: "latest", latest: "acme-2" } }),
      errors: [{ messageId: "aliasChain", path: "/providers/0/models/aliases/newest", message: /points at "latest", which is itself an alias/ }],
    },
    {
      name: "an alias written twice (JSON keeps only the last)",
      manifest:
        '{\n  "manifestVersion": 1, "id": "acme", "version": "1.0.0", "hostApi": "^0.1.0",\n  "providers": [{\n    "id": "acme", "api": "openai-responses", "baseUrl": "https://a.test", "origins": ["https://a.test"],\n    "transports": { "http": {} },\n    "models": { "aliases": {\n      "latest": "acme-1",\n      "latest": "acme-2"\n    } }\n  }]\n}\n',
      errors: [{ messageId: "duplicateAlias", path: "/providers/0/models/aliases/latest", line: 8, column: 7 }],
    },
    {
      name: "an accept pattern with a back-reference, which RE2 refuses",
      manifest: models({ accept: "^(acme)-\\1$" }),
      errors: [{ messageId: "badAcceptPattern", path: "/providers/0/models/accept", message: /RE2 refuses it/ }],
    },
    {
      name: "an accept pattern with look-ahead, which RE2 refuses",
      manifest: models({ accept: "^(?!acme-old)acme-" }),
      errors: [{ messageId: "badAcceptPattern", path: "/providers/0/models/accept", message: /RE2 refuses it/ }],
    },
    {
      name: "an accept pattern that is not a regex",
      manifest: models({ accept: "^(acme" }),
      errors: [{ messageId: "badAcceptPattern", path: "/providers/0/models/accept" }],
    },
    {
      name: "the same alias declared by a provider of another extension",
      manifest: models({ aliases: { latest: "acme-2" } }),
      others: [{ ...manifest({ id: "other", models: { aliases: { latest: "other-1" } } }, { id: "other" }) }],
      errors: [{ messageId: "aliasInOtherProvider", path: "/providers/0/models/aliases/latest", message: /also an alias of provider "other"/ }],
    },
  ],
});
