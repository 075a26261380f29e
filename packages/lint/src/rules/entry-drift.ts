import { isExtensionDefinition, resolveEntry } from "@switchyard/sdk";
import { statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ruleDocsUrl } from "../docs-url.js";
import type { Rule, RuleContext } from "../rule.js";

/**
 * The manifest is read without running code, so it and the code can drift apart: an `entry` that
 * was never built, a defineExtension() id that differs from the manifest's, hooks for a provider the
 * manifest no longer declares. The host would fail on first use; the linter fails in CI. Importing
 * the entry runs extension code, so that part happens only with --check-entry.
 */
export const entryDriftRule: Rule = {
  meta: {
    id: "entry-drift",
    type: "problem",
    description: "When entry is set, the file exists; with --check-entry its default export is a defineExtension() matching the manifest's id, providers and apis.",
    docs: { url: ruleDocsUrl("entry-drift") },
    messages: {
      entryMissing: 'entry "{{entry}}" does not exist ({{resolved}}).',
      importFailed: 'entry "{{entry}}" could not be imported: {{reason}}',
      notDefined: 'entry "{{entry}}" does not default-export a defineExtension() object.',
      idMismatch: 'entry "{{entry}}" defines extension "{{codeId}}", but the manifest\'s id is "{{manifestId}}".',
      providerNotInManifest: 'entry "{{entry}}" has hooks for provider "{{providerId}}", which the manifest does not declare.',
      providerNotInEntry: 'Provider "{{providerId}}" is declared in the manifest, but entry "{{entry}}" defines no hooks for it.',
      apiNotInManifest: 'entry "{{entry}}" exports a codec for api "{{apiId}}", which the manifest\'s apis do not declare.',
      apiNotInEntry: 'Api "{{apiId}}" is declared in the manifest, but entry "{{entry}}" exports no codec for it.',
    },
    defaultSeverity: "error",
  },
  async check(context) {
    const entry = context.manifest.entry;
    if (entry === undefined) return;
    // An entry leading out of the folder is entry-inside-extension's finding, and is never imported.
    const located = resolveEntry(dirname(context.filePath), { ...context.manifest, entry });
    if (located.kind === "outside") return;
    const resolved = located.kind === "inside" ? located.path : resolve(dirname(context.filePath), entry);
    if (located.kind === "missing" || !statSync(resolved).isFile()) {
      context.report({
        messageId: "entryMissing",
        path: "/entry",
        data: { entry, resolved: relative(context.options.cwd, resolved) || resolved },
        fix: "Build the extension (e.g. pnpm exec tsc -b <extension folder>) before linting, or correct entry.",
      });
      return;
    }
    if (context.options.checkEntry) await compareWithCode(context, entry, resolved);
  },
};

async function compareWithCode(context: RuleContext, entry: string, resolved: string): Promise<void> {
  let loaded: unknown;
  try {
    loaded = ((await import(pathToFileURL(resolved).href)) as { default?: unknown }).default;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    context.report({ messageId: "importFailed", path: "/entry", data: { entry, reason }, fix: "Make the entry importable on its own." });
    return;
  }
  if (!isExtensionDefinition(loaded)) {
    context.report({
      messageId: "notDefined",
      path: "/entry",
      data: { entry },
      fix: 'End the entry module with export default defineExtension({ id, providers: { … } }) from "@switchyard/sdk".',
    });
    return;
  }
  const manifest = context.manifest;
  if (loaded.id !== manifest.id) {
    context.report({
      messageId: "idMismatch",
      path: "/id",
      data: { entry, codeId: loaded.id, manifestId: manifest.id },
      fix: "Use the same id in defineExtension() and in the manifest.",
    });
  }
  const declared = new Set(manifest.providers.map((provider) => provider.id));
  for (const providerId of Object.keys(loaded.providers)) {
    if (declared.has(providerId)) continue;
    context.report({
      messageId: "providerNotInManifest",
      path: "/entry",
      data: { entry, providerId },
      fix: `Declare provider "${providerId}" in the manifest, or remove its hooks from the code.`,
    });
  }
  manifest.providers.forEach((provider, index) => {
    if (Object.hasOwn(loaded.providers, provider.id)) return;
    context.report({
      messageId: "providerNotInEntry",
      path: `/providers/${index}/id`,
      data: { entry, providerId: provider.id },
      fix: `Add "${provider.id}": { … } to defineExtension()'s providers (an empty object is fine), or remove the provider.`,
    });
  });
  const apis = new Set((manifest.apis ?? []).map((api) => api.id));
  for (const apiId of Object.keys(loaded.apis ?? {})) {
    if (apis.has(apiId)) continue;
    context.report({
      messageId: "apiNotInManifest",
      path: "/entry",
      data: { entry, apiId },
      fix: `Declare { "id": "${apiId}", "transports": [...] } in the manifest's apis, or remove the codec from defineExtension({ apis }).`,
    });
  }
  (manifest.apis ?? []).forEach((api, index) => {
    if (Object.hasOwn(loaded.apis ?? {}, api.id)) return;
    context.report({
      messageId: "apiNotInEntry",
      path: `/apis/${index}/id`,
      data: { entry, apiId: api.id },
      fix: `Export the codec from the entry: defineExtension({ …, apis: { "${api.id}": codec } }), or remove the api from the manifest.`,
    });
  });
}
