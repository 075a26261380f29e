import { SdkErrorCode, checkOrigins } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import { reportProblems } from "../report-problems.js";
import type { Rule } from "../rule.js";

/**
 * baseUrl (and so the HTTP endpoint, baseUrl + path, with its headers) and the websocket URL lie
 * inside the provider's declared `origins`: credentials go only where the manifest says they may.
 */
export const originBoundRule: Rule = {
  meta: {
    id: "origin-bound",
    type: "problem",
    description: "Every origin is a real origin, and baseUrl and every transport URL lie inside the provider's origins.",
    docs: { url: ruleDocsUrl("origin-bound") },
    messages: {
      outsideOrigins: "{{message}}",
      invalidUrl: "{{message}}",
    },
    defaultSeverity: "error",
  },
  check(context) {
    reportProblems(context, checkOrigins(context.manifest), (problem) => {
      if (problem.code === SdkErrorCode.manifestOriginMismatch) return "outsideOrigins";
      // A websocket URL that is not ws(s):// is reported by websocket-url-required, not twice.
      if (problem.path.endsWith("/transports/websocket/url")) return undefined;
      return "invalidUrl";
    });
  },
};
