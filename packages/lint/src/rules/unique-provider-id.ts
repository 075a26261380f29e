import { relative } from "node:path";
import { ruleDocsUrl } from "../docs-url.js";
import type { Rule } from "../rule.js";

/**
 * A provider id names one provider across everything the host loads: model refs are
 * `provider/model` and credentials are scoped per provider. The host would refuse the second
 * declaration at load time; the linter says so in CI, in every file involved.
 */
export const uniqueProviderIdRule: Rule = {
  meta: {
    id: "unique-provider-id",
    type: "problem",
    description: "No provider id is declared twice, within one manifest or across the linted extensions.",
    docs: { url: ruleDocsUrl("unique-provider-id") },
    messages: {
      duplicateInManifest: 'Provider id "{{id}}" is already declared at /providers/{{firstIndex}} of this manifest.',
      duplicateAcrossExtensions: 'Provider id "{{id}}" is also declared by extension "{{otherExtension}}" ({{otherFile}}).',
    },
    defaultSeverity: "error",
  },
  check(context) {
    const { manifest, filePath } = context;
    const firstIndex = new Map<string, number>();
    manifest.providers.forEach((provider, index) => {
      const path = `/providers/${index}/id`;
      const first = firstIndex.get(provider.id);
      if (first !== undefined) {
        context.report({
          messageId: "duplicateInManifest",
          path,
          data: { id: provider.id, firstIndex: first },
          fix: "Give each provider its own id, or merge the two declarations.",
        });
        return;
      }
      firstIndex.set(provider.id, index);
      for (const other of context.project.manifests) {
        if (other.filePath === filePath) continue;
        if (!other.manifest.providers.some((candidate) => candidate.id === provider.id)) continue;
        context.report({
          messageId: "duplicateAcrossExtensions",
          path,
          data: { id: provider.id, otherExtension: other.manifest.id, otherFile: relative(context.options.cwd, other.filePath) || other.filePath },
          fix: "Rename one of the providers (ids are global), or load only one of the two extensions.",
        });
      }
    });
  },
};
