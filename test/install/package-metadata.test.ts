import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { workspacePackages } from "./test-support/workspace-packages.js";

// Generic over packages/* and extensions/*: a package another branch adds is checked as well,
// and the failure names what it lacks.
const packages = workspacePackages();

describe.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))("package %s", (_name, { folder, manifest }) => {
  const isExtension = path.basename(path.dirname(folder)) === "extensions";

  it("is publishable: not private, MIT, an ES module for Node >= 20.12, with a description and a README", () => {
    expect(manifest.private, "remove \"private\": true").toBeUndefined();
    expect(manifest.license).toBe("MIT");
    expect(manifest.type).toBe("module");
    expect(manifest.engines?.["node"]).toBe(">=20.12");
    expect(manifest.description?.length ?? 0).toBeGreaterThan(20);
    expect(existsSync(path.join(folder, "README.md")), `${folder}/README.md`).toBe(true);
  });

  it("lists only files that exist in `files`, README included", () => {
    expect(manifest.files, "add a files list").toBeDefined();
    expect(manifest.files).toContain("README.md");
    const missing = (manifest.files ?? []).filter((entry) => !entry.startsWith("!") && !existsSync(path.join(folder, entry)));
    expect(missing).toEqual([]);
  });

  it("puts types first in every conditional export, and every export target is shipped", () => {
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target === "object" && target !== null) {
        expect(Object.keys(target)[0], `exports["${subpath}"]`).toBe("types");
      }
      for (const file of typeof target === "string" ? [target] : Object.values(target as Record<string, string>)) {
        const shipped = (manifest.files ?? []).some((entry) => file.replace(/^\.\//, "").startsWith(entry) || entry === "package.json");
        expect(shipped || file === "./package.json", `exports["${subpath}"] → ${file} is not in files`).toBe(true);
      }
    }
    expect(manifest.exports?.["./package.json"], 'export "./package.json" so tools can read the version').toBe("./package.json");
  });

  it("has bin entries that point at files it ships", () => {
    for (const [name, file] of Object.entries(manifest.bin ?? {})) {
      expect(existsSync(path.join(folder, file)), `bin ${name} → ${file}`).toBe(true);
      expect(manifest.files?.some((entry) => file.replace(/^\.\//, "").startsWith(entry)), `bin ${name} → ${file} is not in files`).toBe(true);
    }
  });

  it("depends on other Switchyard packages only through workspace:* (pnpm pack writes the version)", () => {
    for (const [dependency, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      if (dependency.startsWith("@switchyard/")) expect(range, dependency).toBe("workspace:*");
    }
  });

  if (isExtension) {
    it("is named @switchyard/extension-<folder> and ships its manifest at the package root", () => {
      expect(manifest.name).toBe(`@switchyard/extension-${path.basename(folder)}`);
      expect(manifest.files).toContain("switchyard.extension.json");
      expect(manifest.exports?.["./switchyard.extension.json"]).toBe("./switchyard.extension.json");
    });
  }
});

describe("the CLI package", () => {
  it("depends on every shipped extension package, so it works without --extensions from any folder", () => {
    const cli = packages.find((pkg) => pkg.manifest.name === "@switchyard/cli");
    const extensions = packages.filter((pkg) => pkg.manifest.name.startsWith("@switchyard/extension-")).map((pkg) => pkg.manifest.name);
    expect(extensions.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(cli?.manifest.dependencies ?? {})).toEqual(expect.arrayContaining(extensions));
  });
});
