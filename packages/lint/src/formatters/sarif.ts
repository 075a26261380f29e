import type { Formatter } from "./formatter.js";
import { relativePath } from "./relative-path.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/switchyard/switchyard/tree/main/packages/lint";

/**
 * SARIF 2.1.0, for code-scanning uploads (github/codeql-action/upload-sarif): one run, the rules
 * that ran as the driver's rules, one result per problem with a repository-relative location.
 */
export const sarif: Formatter = (results, context) => {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.meta.id, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "switchyard-lint",
            informationUri: INFORMATION_URI,
            rules: context.rules.map((rule) => ({
              id: rule.meta.id,
              shortDescription: { text: rule.meta.description },
              helpUri: rule.meta.docs.url,
              properties: { type: rule.meta.type },
              defaultConfiguration: { level: context.severities[rule.meta.id] === "warn" ? "warning" : "error" },
            })),
          },
        },
        results: results.flatMap((result) =>
          result.messages.map((message) => ({
            ruleId: message.ruleId,
            ...(ruleIndex.has(message.ruleId) ? { ruleIndex: ruleIndex.get(message.ruleId) } : {}),
            level: message.severity === "error" ? "error" : "warning",
            message: { text: message.fix ? `${message.message} Fix: ${message.fix}` : message.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: relativePath(context.cwd, result.filePath), uriBaseId: "%SRCROOT%" },
                  region: { startLine: message.line, startColumn: message.column },
                },
              },
            ],
            properties: { path: message.path },
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
