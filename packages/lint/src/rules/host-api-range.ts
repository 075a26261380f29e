import { checkHostRange } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import { reportProblems } from "../report-problems.js";
import type { Rule } from "../rule.js";

/** `hostApi` is a valid semver range that includes the host API this linter ships with. */
export const hostApiRangeRule: Rule = {
  meta: {
    id: "host-api-range",
    type: "problem",
    description: "hostApi is a valid semver range that includes the current host API version.",
    docs: { url: ruleDocsUrl("host-api-range") },
    messages: { badRange: "{{message}}" },
    defaultSeverity: "error",
  },
  check(context) {
    reportProblems(context, checkHostRange(context.manifest, context.options.hostVersion), () => "badRange");
  },
};
