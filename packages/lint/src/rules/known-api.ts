import { checkApis } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import { reportProblems } from "../report-problems.js";
import type { Rule } from "../rule.js";

/** The provider's `api` is one the host implements, and each declared transport speaks it. */
export const knownApiRule: Rule = {
  meta: {
    id: "known-api",
    type: "problem",
    description: "Each provider's api is implemented by the host, and its declared transports speak that api.",
    docs: { url: ruleDocsUrl("known-api") },
    messages: {
      unknownApi: "{{message}}",
      transportNotSpoken: "{{message}}",
    },
    defaultSeverity: "error",
  },
  check(context) {
    reportProblems(context, checkApis(context.manifest), (problem) =>
      problem.path.endsWith("/api") ? "unknownApi" : "transportNotSpoken",
    );
  },
};
