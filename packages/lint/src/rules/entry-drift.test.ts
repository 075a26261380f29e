import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { entryDriftRule } from "./entry-drift.js";

// Entry modules are real files: the rule checks existence on disk and imports them.
const root = mkdtempSync(join(tmpdir(), "switchyard-entry-drift-"));
const sdkUrl = pathToFileURL(join(import.meta.dirname, "../../../sdk/dist/index.js")).href;

function extensionFolder(name: string, code: string | undefined): string {
  const folder = join(root, name);
  mkdirSync(join(folder, "dist"), { recursive: true });
  if (code !== undefined) writeFileSync(join(folder, "dist/index.js"), code);
  return join(folder, "switchyard.extension.json");
}
const define = (id: string, providers: string) =>
  `import { defineExtension } from ${JSON.stringify(sdkUrl)};\nexport default defineExtension({ id: ${JSON.stringify(id)}, providers: ${providers} });\n`;

const withEntry = manifest({}, { entry: "./dist/index.js" });
const codec = `{ "line-chat": { id: "line-chat", framing: { http: "json-lines" }, encode: () => ({}), createDecoder: () => ({ decode() {} }) } }`;
const defineWithApis = (apis: string) =>
  `import { defineExtension } from ${JSON.stringify(sdkUrl)};\nexport default defineExtension({ id: "acme", providers: { acme: {} }, apis: ${apis} });\n`;
const withApi = manifest({}, { entry: "./dist/index.js", apis: [{ id: "line-chat", transports: ["http"] }] });

new RuleTester().run(entryDriftRule, {
  valid: [
    { name: "no entry (a pure manifest)", manifest: manifest() },
    { name: "an entry that exists, not imported without --check-entry", manifest: withEntry, filePath: extensionFolder("exists", "throw new Error('never imported');\n") },
    {
      name: "with --check-entry, a defineExtension() matching id and providers",
      manifest: withEntry,
      filePath: extensionFolder("matching", define("acme", "{ acme: {} }")),
      options: { checkEntry: true },
    },
    {
      name: "with --check-entry, a declared api whose codec the entry exports",
      manifest: withApi,
      filePath: extensionFolder("api-matching", defineWithApis(codec)),
      options: { checkEntry: true },
    },
  ],
  invalid: [
    {
      name: "an entry that was never built",
      manifest: withEntry,
      filePath: extensionFolder("unbuilt", undefined),
      errors: [{ messageId: "entryMissing", path: "/entry", message: /entry "\.\/dist\/index\.js" does not exist/ }],
    },
    {
      name: "with --check-entry, a default export that is not a defineExtension()",
      manifest: withEntry,
      filePath: extensionFolder("plain", "export default { id: 'acme', providers: { acme: {} } };\n"),
      options: { checkEntry: true },
      errors: [{ messageId: "notDefined", path: "/entry" }],
    },
    {
      name: "with --check-entry, an entry that throws on import",
      manifest: withEntry,
      filePath: extensionFolder("throws", "throw new Error('boom');\n"),
      options: { checkEntry: true },
      errors: [{ messageId: "importFailed", path: "/entry", message: /boom/ }],
    },
    {
      name: "with --check-entry, another id and another provider set",
      manifest: withEntry,
      filePath: extensionFolder("drifted", define("acme-old", "{ legacy: {} }")),
      options: { checkEntry: true },
      errors: [
        { messageId: "idMismatch", path: "/id", message: 'entry "./dist/index.js" defines extension "acme-old", but the manifest\'s id is "acme".' },
        { messageId: "providerNotInManifest", path: "/entry" },
        { messageId: "providerNotInEntry", path: "/providers/0/id" },
      ],
    },
      {
      name: "with --check-entry, a declared api without a codec, and a codec without a declaration",
      manifest: withApi,
      filePath: extensionFolder("api-drifted", defineWithApis(codec.replace(/line-chat/g, "line-chat-old"))),
      options: { checkEntry: true },
      errors: [
        { messageId: "apiNotInManifest", path: "/entry", message: 'entry "./dist/index.js" exports a codec for api "line-chat-old", which the manifest\'s apis do not declare.' },
        { messageId: "apiNotInEntry", path: "/apis/0/id" },
      ],
    },
  ],
});
