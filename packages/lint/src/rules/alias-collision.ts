import { checkModelPatterns, type ProviderManifest } from "@switchyard/sdk";
import { relative } from "node:path";
import { ruleDocsUrl } from "../docs-url.js";
import { pointerSegment } from "../json-pointer.js";
import { reportProblems } from "../report-problems.js";
import type { Rule, RuleContext } from "../rule.js";

/**
 * Model resolution runs aliases first, then `accept`: an alias that shadows a real model, points at
 * itself or at another alias silently changes (or loops) what a model ref means, and a duplicate
 * alias key in the JSON text is dropped by the parser without a word. Across extensions, the same
 * alias declared by two providers makes a bare alias ambiguous to a reader of config.
 */
export const aliasCollisionRule: Rule = {
  meta: {
    id: "alias-collision",
    type: "problem",
    description:
      "No alias shadows a known or default model or another alias, points at itself or at another alias, or repeats another provider's alias; accept is a valid, safe regex.",
    docs: { url: ruleDocsUrl("alias-collision") },
    messages: {
      shadowsModel: 'Alias "{{alias}}" of provider "{{provider}}" shadows the model "{{alias}}" that the provider lists as {{where}}.',
      duplicateAlias: 'Alias "{{alias}}" of provider "{{provider}}" is declared more than once; only the last one takes effect.',
      selfAlias: 'Alias "{{alias}}" of provider "{{provider}}" points at itself.',
      aliasChain: 'Alias "{{alias}}" of provider "{{provider}}" points at "{{target}}", which is itself an alias; aliases are resolved once, not chained.',
      aliasInOtherProvider: 'Alias "{{alias}}" of provider "{{provider}}" is also an alias of provider "{{otherProvider}}" ({{otherFile}}).',
      badAcceptPattern: "{{message}}",
    },
    defaultSeverity: "error",
  },
  check(context) {
    for (const [index, provider] of context.manifest.providers.entries()) checkProvider(context, provider, index);
    reportProblems(context, checkModelPatterns(context.manifest), () => "badAcceptPattern");
  },
};

function checkProvider(context: RuleContext, provider: ProviderManifest, index: number): void {
  const aliasesPath = `/providers/${index}/models/aliases`;
  const aliases = provider.models.aliases ?? {};
  const known = new Set(provider.models.known ?? []);
  const data = (alias: string, extra: Record<string, string> = {}) => ({ alias, provider: provider.id, ...extra });

  for (const duplicate of context.source.duplicateKeys(aliasesPath)) {
    context.report({
      messageId: "duplicateAlias",
      path: `${aliasesPath}/${pointerSegment(duplicate.key)}`,
      at: "key",
      data: data(duplicate.key),
      fix: "Keep one entry per alias.",
    });
  }

  for (const [alias, target] of Object.entries(aliases)) {
    const path = `${aliasesPath}/${pointerSegment(alias)}`;
    if (known.has(alias) || provider.models.default === alias) {
      context.report({
        messageId: "shadowsModel",
        path,
        at: "key",
        data: data(alias, { where: known.has(alias) ? "known" : "default" }),
        fix: `Remove the alias, or rename it so "${alias}" keeps meaning the model itself.`,
      });
    }
    if (alias === target) {
      context.report({ messageId: "selfAlias", path, data: data(alias), fix: "Remove the alias: a model id already resolves to itself." });
    } else if (Object.hasOwn(aliases, target)) {
      context.report({
        messageId: "aliasChain",
        path,
        data: data(alias, { target }),
        fix: `Point "${alias}" directly at "${aliases[target]}".`,
      });
    }
    for (const other of context.project.manifests) {
      for (const otherProvider of other.manifest.providers) {
        if (otherProvider === provider || otherProvider.id === provider.id) continue;
        if (!Object.hasOwn(otherProvider.models.aliases ?? {}, alias)) continue;
        context.report({
          messageId: "aliasInOtherProvider",
          path,
          at: "key",
          data: data(alias, { otherProvider: otherProvider.id, otherFile: relative(context.options.cwd, other.filePath) || other.filePath }),
          fix: "Use an alias that names its provider (e.g. a provider-specific suffix), or drop one of them.",
        });
      }
    }
  }
}
