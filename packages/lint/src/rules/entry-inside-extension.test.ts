import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { entryInsideExtensionRule } from "./entry-inside-extension.js";

// Real folders: the rule follows symlinks on disk. The outside module would throw if imported.
const root = mkdtempSync(join(tmpdir(), "switchyard-entry-inside-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, "outside.mjs"), "throw new Error('code outside the extension folder ran');\n");

function extension(name: string, files: Record<string, string> = {}, links: Record<string, string> = {}): string {
  const folder = join(root, name);
  mkdirSync(join(folder, "dist"), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  for (const [link, target] of Object.entries(links)) symlinkSync(target, join(folder, link));
  return join(folder, "switchyard.extension.json");
}

new RuleTester().run(entryInsideExtensionRule, {
  valid: [
    { name: "no entry", manifest: manifest() },
    { name: "a relative entry inside the folder", manifest: manifest({}, { entry: "./dist/index.js" }), filePath: extension("inside", { "dist/index.js": "" }) },
    {
      name: "a symlink that stays inside the folder",
      manifest: manifest({}, { entry: "./index.js" }),
      filePath: extension("inner-link", { "dist/index.js": "" }, { "index.js": "dist/index.js" }),
    },
    { name: "a missing entry is entry-drift's finding, not this rule's", manifest: manifest({}, { entry: "./dist/index.js" }), filePath: extension("unbuilt") },
  ],
  invalid: [
    {
      name: "an absolute entry",
      manifest: manifest({}, { entry: join(root, "outside.mjs") }),
      filePath: extension("absolute"),
      errors: [{ messageId: "entryOutside", path: "/entry", message: /is an absolute path; extension code must live inside its own folder/ }],
    },
    {
      name: "an entry that climbs out with ../",
      manifest: manifest({}, { entry: "../../../elsewhere.mjs" }),
      filePath: extension("climbs"),
      errors: [{ messageId: "entryOutside", path: "/entry", message: /leads out of the extension folder/ }],
    },
    {
      name: "a symlink inside the folder that points outside it",
      manifest: manifest({}, { entry: "./hooks.mjs" }),
      filePath: extension("escaping-link", {}, { "hooks.mjs": join(root, "outside.mjs") }),
      errors: [{ messageId: "entryOutside", path: "/entry", message: /resolves, after symlinks, outside the extension folder/ }],
    },
  ],
});
