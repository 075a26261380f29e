import { checkSecureSchemes } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import { reportProblems } from "../report-problems.js";
import type { Rule } from "../rule.js";

/** https and wss everywhere, http and ws only on loopback hosts: credentials and prompts never travel in clear. */
export const secureSchemeRule: Rule = {
  meta: {
    id: "secure-scheme",
    type: "problem",
    description: "baseUrl, origins and the websocket URL use https/wss unless the host is loopback.",
    docs: { url: ruleDocsUrl("secure-scheme") },
    messages: { insecureScheme: "{{message}}" },
    defaultSeverity: "error",
  },
  check(context) {
    reportProblems(context, checkSecureSchemes(context.manifest), () => "insecureScheme");
  },
};
