import type { ManifestProblem } from "@switchyard/sdk";
import type { RuleContext } from "./rule.js";

/**
 * Reports problems found by an SDK check (the same function the host runs at load), so the linter
 * and the host can never disagree. `messageIdFor` maps each problem to one of the rule's messages
 * (whose template is `{{message}}`), or to undefined to leave it to another rule.
 */
export function reportProblems(
  context: RuleContext,
  problems: readonly ManifestProblem[],
  messageIdFor: (problem: ManifestProblem) => string | undefined,
): void {
  for (const problem of problems) {
    const messageId = messageIdFor(problem);
    if (messageId === undefined) continue;
    context.report({ messageId, path: problem.path, data: { message: problem.message }, fix: problem.fix });
  }
}
