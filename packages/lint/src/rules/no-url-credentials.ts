import { checkUrlCredentials } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import { reportProblems } from "../report-problems.js";
import type { Rule } from "../rule.js";

/**
 * `https://admin:hunter2@host` is a credential in plain text: committed, published, and printed by
 * every tool that shows the URL. The host refuses such a manifest (the same checkUrlCredentials);
 * the message never repeats the user or password.
 */
export const noUrlCredentialsRule: Rule = {
  meta: {
    id: "no-url-credentials",
    type: "problem",
    description: "No URL (baseUrl, the websocket url, origins) carries user:password@.",
    docs: { url: ruleDocsUrl("no-url-credentials") },
    messages: {
      urlCredentials: "{{message}}",
    },
    defaultSeverity: "error",
  },
  check(context) {
    reportProblems(context, checkUrlCredentials(context.manifest), () => "urlCredentials");
  },
};
