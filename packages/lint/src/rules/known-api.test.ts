import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { knownApiRule } from "./known-api.js";

new RuleTester().run(knownApiRule, {
  valid: [
    { name: "openai-responses", manifest: manifest() },
    { name: "openai-codex-responses", manifest: manifest({ api: "openai-codex-responses" }) },
  ],
  invalid: [
    {
      name: "an api the host does not implement",
      manifest: manifest({ api: "anthropic-messages" }),
      errors: [{ messageId: "unknownApi", path: "/providers/0/api", message: /declares api "anthropic-messages", which this host does not implement/, fix: "Use one of: openai-responses, openai-codex-responses." }],
    },
  ],
});
