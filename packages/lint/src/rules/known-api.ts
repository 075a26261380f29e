import { apiCatalog, checkApis } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import { reportProblems } from "../report-problems.js";
import type { Rule } from "../rule.js";

/**
 * The provider's `api` is one the host ships or an extension of this run declares in its `apis`,
 * and each declared transport speaks it; an extension does not redeclare an api another provides.
 */
export const knownApiRule: Rule = {
  meta: {
    id: "known-api",
    type: "problem",
    description: "Each provider's api is shipped by the host or declared by a linted extension, and its declared transports speak that api.",
    docs: { url: ruleDocsUrl("known-api") },
    messages: {
      unknownApi: "{{message}}",
      transportNotSpoken: "{{message}}",
      duplicateApi: "{{message}}",
    },
    defaultSeverity: "error",
  },
  check(context) {
    const catalog = apiCatalog([context.manifest, ...context.project.manifests.map((linted) => linted.manifest)]);
    reportProblems(context, checkApis(context.manifest, catalog), (problem) =>
      problem.path.endsWith("/api") ? "unknownApi" : problem.path.startsWith("/apis/") ? "duplicateApi" : "transportNotSpoken",
    );
  },
};
