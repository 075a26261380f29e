import { describe, expect, it } from "vitest";
import { FORMATTERS } from "../formatters/index.js";
import { lintSources } from "../lint-engine.js";
import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { noLiteralSecretRule } from "./no-literal-secret.js";

const OPENAI_KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";
const XAI_KEY = "xai-Q2w3E4r5T6y7U8i9O0pAsDfGhJkLzXcV";
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const RANDOM = "Zx81Qp0WmRt5Yb7Nc2Vd4Lk6Hj9Gf3SaXe";

new RuleTester().run(noLiteralSecretRule, {
  valid: [
    { name: "auth by env name", manifest: manifest() },
    {
      name: "ordinary literal headers, dated model ids and long env names",
      manifest: manifest({
        transports: { http: { path: "/responses", headers: { "OpenAI-Beta": "responses_websockets=2026-02-06" } } },
        models: { known: ["gpt-5-4-codex-mini-2025-08-07-preview"] },
        auth: { scheme: "bearer", env: ["ACME_PRODUCTION_ORGANIZATION_API_KEY_V2"] },
      }),
    },
  ],
  invalid: [
    {
      name: "an OpenAI project key in a literal header",
      manifest: manifest({ transports: { http: { headers: { Authorization: `Bearer ${OPENAI_KEY}` } } } }),
      errors: [{ messageId: "literalSecret", path: "/providers/0/transports/http/headers/Authorization", message: /an sk- API key \("sk-p…"\)/ }],
    },
    {
      name: "an xAI key in the description",
      manifest: manifest({}, { description: `uses ${XAI_KEY}` }),
      errors: [{ messageId: "literalSecret", path: "/description", message: /an xAI API key \("xai-…"\)/ }],
    },
    {
      name: "a bearer token",
      manifest: manifest({ transports: { http: { headers: { "X-Auth": "Bearer abc123def456" } } } }),
      errors: [{ messageId: "literalSecret", path: "/providers/0/transports/http/headers/X-Auth", message: /a bearer token \("Bear…"\)/ }],
    },
    {
      name: "a JWT",
      manifest: manifest({ transports: { http: { headers: { "X-Session": JWT } } } }),
      errors: [{ messageId: "literalSecret", path: "/providers/0/transports/http/headers/X-Session", message: /a JWT \("eyJh…"\)/ }],
    },
    {
      name: "a key written straight into auth.headers: a schema error, and still a committed secret",
      manifest: manifest({ auth: { scheme: "bearer", env: ["ACME_API_KEY"], headers: { "x-api-key": OPENAI_KEY } } }),
      errors: [{ messageId: "literalSecret", path: "/providers/0/auth/headers/x-api-key", message: /an sk- API key \("sk-p…"\)/ }],
    },
    {
      name: "a key in a manifest that misses required keys",
      manifest: { id: "acme", description: `key ${XAI_KEY}` },
      errors: [{ messageId: "literalSecret", path: "/description" }],
    },
    {
      name: "a random token pasted where an env name belongs",
      manifest: manifest({ auth: { scheme: "bearer", env: [RANDOM] } }),
      errors: [{ messageId: "literalSecret", path: "/providers/0/auth/env/0", message: /a long high-entropy token \("Zx81…"\)/ }],
    },
  ],
});

describe("no-literal-secret output", () => {
  it("never prints more than the first four characters of a secret, in any format", async () => {
    const results = await lintSources(
      [{ filePath: "/x/switchyard.extension.json", text: JSON.stringify(manifest({ transports: { http: { headers: { A: OPENAI_KEY, B: JWT } } } })) }],
      { rules: [noLiteralSecretRule] },
    );
    const context = { cwd: "/x", color: false, rules: [noLiteralSecretRule], severities: { "no-literal-secret": "error" as const } };
    const outputs = Object.values(FORMATTERS).map((format) => format(results, context));
    expect(results[0]!.messages).toHaveLength(2);
    for (const output of outputs) {
      expect(output).not.toContain(OPENAI_KEY.slice(0, 8));
      expect(output).not.toContain(JWT.slice(0, 8));
    }
  });
});
