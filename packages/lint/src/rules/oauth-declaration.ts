import { SdkErrorCode, checkOAuth } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import { reportProblems } from "../report-problems.js";
import type { Rule } from "../rule.js";

/** A sign-in declaration is complete and safe: https issuer, loopback redirect, issuer apart from the API's origins. */
export const oauthDeclarationRule: Rule = {
  meta: {
    id: "oauth-declaration",
    type: "problem",
    description: "`auth.oauth` matches scheme oauth, its issuer is https, its redirect is loopback, its issuer is not a credential origin unless declared.",
    docs: { url: ruleDocsUrl("oauth-declaration") },
    messages: {
      mismatch: "{{message}}",
      insecureIssuer: "{{message}}",
      invalidIssuer: "{{message}}",
      issuerInOrigins: "{{message}}",
      redirectNotLoopback: "{{message}}",
    },
    defaultSeverity: "error",
  },
  check(context) {
    reportProblems(context, checkOAuth(context.manifest), (problem) => {
      switch (problem.code) {
        case SdkErrorCode.manifestOAuthMismatch:
          return "mismatch";
        case SdkErrorCode.manifestInsecureScheme:
          return "insecureIssuer";
        case SdkErrorCode.manifestOAuthIssuerInOrigins:
          return "issuerInOrigins";
        case SdkErrorCode.manifestOAuthRedirectNotLoopback:
          return "redirectNotLoopback";
        default:
          return "invalidIssuer";
      }
    });
  },
};
