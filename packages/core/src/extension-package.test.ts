import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createHost, type Host } from "./index.js";

// A consumer project with packages installed under node_modules, as npm lays them out.
const project = mkdtempSync(path.join(tmpdir(), "switchyard-packages-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

function installPackage(name: string, manifest: Record<string, unknown> | undefined): string {
  const folder = path.join(project, "node_modules", ...name.split("/"));
  mkdirSync(folder, { recursive: true });
  // No "./package.json" in exports: resolution must not depend on what a package exports.
  writeFileSync(path.join(folder, "package.json"), JSON.stringify({ name, version: "1.0.0", exports: { "./switchyard.extension.json": "./switchyard.extension.json" } }));
  if (manifest) writeFileSync(path.join(folder, "switchyard.extension.json"), JSON.stringify(manifest));
  return folder;
}

function manifestFor(id: string): Record<string, unknown> {
  return {
    manifestVersion: 1,
    id,
    version: "1.0.0",
    hostApi: "^0.1.0",
    providers: [{ id, api: "openai-responses", baseUrl: `https://api.${id}.example/v1`, origins: [`https://api.${id}.example`], auth: { scheme: "none" }, models: { default: "m" }, transports: { http: {} } }],
  };
}

installPackage("@acme/switchyard-extension-acme", manifestFor("acme"));
installPackage("switchyard-extension-plain", manifestFor("plain"));
installPackage("left-pad", undefined);
mkdirSync(path.join(project, "src", "deep"), { recursive: true });

let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe("extensions given by package name", () => {
  it("loads scoped and unscoped packages resolved from cwd, walking up node_modules like Node", async () => {
    host = await createHost({ extensions: ["@acme/switchyard-extension-acme", "switchyard-extension-plain"], cwd: path.join(project, "src", "deep"), env: {} });
    const { providers, problems } = host.providers();
    expect(problems).toEqual([]);
    expect(providers.map((p) => p.id)).toEqual(["acme", "plain"]);
    expect(providers[0]?.file).toBe(path.join(project, "node_modules", "@acme", "switchyard-extension-acme", "switchyard.extension.json"));
    expect((await host.resolve("acme/m")).transport.url).toBe("https://api.acme.example/v1/responses");
  });

  it("reports a package that is not installed with SY_ERR_DISCOVERY_PACKAGE_NOT_FOUND and keeps loading the rest", async () => {
    host = await createHost({ extensions: ["@acme/not-installed", "switchyard-extension-plain"], cwd: project, env: {} });
    const { providers, problems } = host.providers();
    expect(providers.map((p) => p.id)).toEqual(["plain"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.problems[0]?.code).toBe("SY_ERR_DISCOVERY_PACKAGE_NOT_FOUND");
    expect(problems[0]?.summary).toContain("npm install @acme/not-installed");
  });

  it("reports an installed package without a manifest with SY_ERR_DISCOVERY_PACKAGE_NO_MANIFEST", async () => {
    host = await createHost({ extensions: ["left-pad"], cwd: project, env: {} });
    const [problem] = host.providers().problems;
    expect(problem?.problems[0]?.code).toBe("SY_ERR_DISCOVERY_PACKAGE_NO_MANIFEST");
    expect(problem?.file).toBe(path.join(project, "node_modules", "left-pad"));
  });

  it("reads a name that exists as a folder under cwd as that folder, so existing relative paths keep working", async () => {
    const folder = path.join(project, "plain-copy");
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "switchyard.extension.json"), JSON.stringify(manifestFor("copy")));
    host = await createHost({ extensions: ["plain-copy"], cwd: project, env: {} });
    expect(host.providers().providers.map((p) => p.id)).toEqual(["copy"]);
  });
});
