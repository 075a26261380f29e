import { SdkErrorCode } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import type { Rule } from "../rule.js";

const messageIds: Readonly<Record<string, string>> = {
  [SdkErrorCode.manifestInvalidJson]: "invalidJson",
  [SdkErrorCode.manifestUnknownKey]: "unknownKey",
  [SdkErrorCode.manifestMissingKey]: "missingKey",
  [SdkErrorCode.manifestInvalidValue]: "invalidValue",
  [SdkErrorCode.manifestInvalidHeader]: "invalidHeader",
  [SdkErrorCode.manifestTooLarge]: "tooLarge",
  [SdkErrorCode.manifestTooDeep]: "tooDeep",
};

/** The manifest matches the SDK's TypeBox schema: the problems parseManifest() reports, as lint messages. */
export const schemaRule: Rule = {
  meta: {
    id: "schema",
    type: "problem",
    description:
      "The manifest is valid JSON within 1 MiB and 64 levels of nesting, and matches the manifest schema (no unknown keys, no missing keys, valid values, header names that are tokens and values without control characters).",
    docs: { url: ruleDocsUrl("schema") },
    messages: {
      invalidJson: "{{message}}",
      unknownKey: "{{message}}",
      missingKey: "{{message}}",
      invalidValue: "{{message}}",
      invalidHeader: "{{message}}",
      tooLarge: "{{message}}",
      tooDeep: "{{message}}",
    },
    defaultSeverity: "error",
    runsOnUnparsed: true,
  },
  check(context) {
    for (const problem of context.parse.problems) {
      const messageId = messageIds[problem.code] ?? "invalidValue";
      context.report({
        messageId,
        path: problem.path,
        data: { message: problem.message },
        fix: problem.fix,
        // An unknown key is wrong as a key: point at the key, not at its value.
        at: messageId === "unknownKey" ? "key" : "value",
      });
    }
  },
};
