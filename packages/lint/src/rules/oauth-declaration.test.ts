import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { oauthDeclarationRule } from "./oauth-declaration.js";

// Ports a manifest declares (the one registered at the issuer); the linter only reads them, nothing listens.
const REGISTERED_CALLBACK_PORT = 1455;
const HTTPS_PORT = 443;

function oauth(overrides: Record<string, unknown> = {}, auth: Record<string, unknown> = {}, provider: Record<string, unknown> = {}): Record<string, unknown> {
  return manifest({
    auth: {
      scheme: "oauth",
      oauth: {
        issuer: "https://auth.acme.test",
        clientId: "acme-cli",
        authorizationEndpoint: "/oauth/authorize",
        tokenEndpoint: "/oauth/token",
        scopes: ["openid", "offline_access"],
        redirect: { port: REGISTERED_CALLBACK_PORT, path: "/auth/callback" },
        ...overrides,
      },
      ...auth,
    },
    ...provider,
  });
}

new RuleTester().run(oauthDeclarationRule, {
  valid: [
    { name: "an https issuer on its own origin with a localhost redirect", manifest: oauth() },
    { name: "a loopback issuer for a local test server", manifest: oauth({ issuer: "http://127.0.0.1:8080" }) },
    {
      name: "an issuer that shares the API origin when the manifest says so",
      manifest: oauth({ issuer: "https://api.acme.test", issuerIsCredentialOrigin: true }),
    },
    { name: "no sign-in at all", manifest: manifest() },
  ],
  invalid: [
    {
      name: "an issuer over plain http on a public host",
      manifest: oauth({ issuer: "http://auth.acme.test" }),
      errors: [{ messageId: "insecureIssuer", path: "/providers/0/auth/oauth/issuer", message: /uses http on auth\.acme\.test/ }],
    },
    {
      name: "a redirect to a host off this machine",
      manifest: oauth({ redirect: { host: "callback.acme.test", port: HTTPS_PORT, path: "/cb" } }),
      errors: [{ messageId: "redirectNotLoopback", path: "/providers/0/auth/oauth/redirect/host" }],
    },
    {
      name: "an issuer on one of the provider's credential origins, undeclared",
      manifest: oauth({ issuer: "https://api.acme.test" }),
      errors: [{ messageId: "issuerInOrigins", path: "/providers/0/auth/oauth/issuer", message: /credential origins/ }],
    },
    {
      name: "scheme oauth without a declaration",
      manifest: manifest({ auth: { scheme: "oauth" } }),
      errors: [{ messageId: "mismatch", path: "/providers/0/auth/scheme" }],
    },
    {
      name: "a declaration under scheme bearer, never used",
      manifest: oauth({}, { scheme: "bearer", env: ["ACME_API_KEY"] }),
      errors: [{ messageId: "mismatch", path: "/providers/0/auth/oauth" }],
    },
    {
      name: "an issuer that is not a URL",
      manifest: oauth({ issuer: "auth.acme.test" }),
      errors: [{ messageId: "invalidIssuer", path: "/providers/0/auth/oauth/issuer" }],
    },
  ],
});
