import { ruleDocsUrl } from "../docs-url.js";
import { stringValues } from "../json-pointer.js";
import type { Rule } from "../rule.js";
import { findSecret, maskSecret } from "../secret-shapes.js";

/**
 * Manifests are committed and published: every credential is a reference (an env variable name),
 * never a value. Every string is scanned, not only `auth`, because a key pasted into a literal
 * header or a description leaks just the same — also in a manifest that fails the schema (a key in
 * the wrong place is still a committed key). The message masks the secret: lint output ends up
 * in CI logs and code-scanning alerts.
 */
export const noLiteralSecretRule: Rule = {
  meta: {
    id: "no-literal-secret",
    type: "problem",
    description: "No string in the manifest looks like a credential (API keys, bearer tokens, JWTs, long random tokens).",
    docs: { url: ruleDocsUrl("no-literal-secret") },
    messages: {
      literalSecret:
        'This value contains what looks like {{kind}} ("{{masked}}"); a manifest must name the environment variable holding a secret, never the secret.',
    },
    defaultSeverity: "error",
    runsOnUnparsed: true,
  },
  check(context) {
    // On an unparsed manifest, whatever JSON parsed within the size and depth limits.
    const scanned = context.parse.ok ? context.manifest : context.parse.value;
    for (const [path, value] of stringValues(scanned)) {
      const found = findSecret(value);
      if (!found) continue;
      context.report({
        messageId: "literalSecret",
        path,
        data: { kind: found.kind, masked: maskSecret(found.secret) },
        fix: 'Remove the value, revoke the key, and reference it through auth.env (e.g. "env": ["OPENAI_API_KEY"]).',
      });
    }
  },
};
