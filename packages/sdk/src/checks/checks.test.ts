import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { apiCatalog } from "../apis.js";
import { checkApis, checkEntryPath, checkHostRange, checkModelPatterns, checkOrigins, checkSecureSchemes, checkUrlCredentials, checkWebsocketUrl, compileAcceptPattern } from "./index.js";
import type { Manifest } from "../manifest-schema.js";

function manifest(provider: Partial<Manifest["providers"][number]> = {}, top: Partial<Manifest> = {}): Manifest {
  return {
    manifestVersion: 1,
    id: "t",
    version: "1.0.0",
    hostApi: "^0.1.0",
    ...top,
    providers: [
      {
        id: "t",
        api: "openai-responses",
        baseUrl: "https://api.t.test/v1",
        origins: ["https://api.t.test"],
        models: {},
        transports: { http: {} },
        ...provider,
      },
    ],
  };
}

describe("manifest load checks", () => {
  it("origin-bound: a websocket URL outside the origins is a problem at its path", () => {
    const problems = checkOrigins(manifest({ transports: { websocket: { url: "wss://api.openai.com/v1/responses" } } }));
    expect(problems).toEqual([expect.objectContaining({ code: "SY_ERR_MANIFEST_ORIGIN_MISMATCH", path: "/providers/0/transports/websocket/url" })]);
  });

  it("origin-bound: wss and https of one host are one credential origin; :* allows any port", () => {
    expect(checkOrigins(manifest({ transports: { websocket: { url: "wss://api.t.test/v1/responses" } } }))).toEqual([]);
    expect(checkOrigins(manifest({ baseUrl: "http://127.0.0.1:8080/v1", origins: ["http://127.0.0.1:*"] }))).toEqual([]);
    expect(checkOrigins(manifest({ origins: ["https://api.t.test/v1"] }))[0]).toMatchObject({ code: "SY_ERR_MANIFEST_INVALID_URL", path: "/providers/0/origins/0" });
  });

  it("secure-scheme: http off loopback is refused, on loopback allowed", () => {
    expect(checkSecureSchemes(manifest({ baseUrl: "http://api.t.test/v1", origins: ["http://api.t.test"] })).map((p) => p.path)).toEqual([
      "/providers/0/baseUrl",
      "/providers/0/origins/0",
    ]);
    expect(checkSecureSchemes(manifest({ baseUrl: "http://localhost:1/v1", origins: ["http://localhost:*"] }))).toEqual([]);
  });

  it("known-api and host-api-range", () => {
    expect(checkApis(manifest({ api: "bogus" }))[0]).toMatchObject({ code: "SY_ERR_MANIFEST_UNKNOWN_API" });
    const lineChat = { id: "line-chat", transports: ["http" as const] };
    expect(checkApis(manifest({ api: "line-chat", transports: { http: {} } }, { apis: [lineChat] }))).toEqual([]);
    const user = manifest({ api: "line-chat", transports: { http: {} } });
    expect(checkApis(user)[0]).toMatchObject({ path: "/providers/0/api" });
    expect(checkApis(user, apiCatalog([user, manifest({}, { id: "liner", apis: [lineChat] })]))).toEqual([]);
    expect(checkApis(manifest({ api: "line-chat", transports: { http: {}, websocket: { url: "wss://api.t.test/x" } } }, { apis: [lineChat] }))[0]).toMatchObject({
      path: "/providers/0/transports/websocket",
    });
    expect(checkApis(manifest({}, { apis: [{ id: "anthropic-messages", transports: ["http"] }] }))[0]).toMatchObject({ path: "/apis/0/id" });
    expect(checkHostRange(manifest({}, { hostApi: "not a range" }))[0]).toMatchObject({ code: "SY_ERR_MANIFEST_HOST_RANGE" });
    expect(checkHostRange(manifest({}, { hostApi: ">=0.2.0" }), "0.1.0")[0]?.message).toContain("needs host API >=0.2.0");
    expect(checkHostRange(manifest(), "0.1.0")).toEqual([]);
  });

  it("judges a host range already seen again by the host version asked about, not by the first answer", () => {
    const range = manifest({}, { hostApi: "^0.2.0" });
    expect(checkHostRange(range, "0.2.5")).toEqual([]);
    expect(checkHostRange(range, "0.1.0")[0]?.message).toContain("needs host API ^0.2.0, but this host implements 0.1.0");
    expect(checkHostRange(range, "0.2.5")).toEqual([]);
    // The message names the extension asking, even when another extension's identical range was judged first.
    expect(checkHostRange(manifest({}, { id: "other", hostApi: "^0.2.0" }), "0.1.0")[0]?.message).toContain('Extension "other"');
    expect(checkHostRange(manifest({}, { hostApi: "not a range" }))[0]?.message).toBe('hostApi "not a range" is not a valid semver range.');
  });

  it("websocket-url and model patterns", () => {
    expect(checkWebsocketUrl(manifest({ transports: { websocket: { stability: "stable" } } }))[0]).toMatchObject({ code: "SY_ERR_MANIFEST_WEBSOCKET_URL_MISSING" });
    expect(checkModelPatterns(manifest({ models: { accept: "([" } }))[0]).toMatchObject({ code: "SY_ERR_MANIFEST_BAD_PATTERN" });
    expect(checkModelPatterns(manifest({ models: { accept: "^gpt-" } }))).toEqual([]);
  });
});

describe("hostile manifests", () => {
  it("compiles accept with RE2: patterns that backtrack in JavaScript match a long id at once", () => {
    for (const pattern of ["^(a|a)+$", "^((a+))+$", "^(m-.+)+$"]) {
      const compiled = compileAcceptPattern(pattern);
      expect(compiled.ok, pattern).toBe(true);
      // 5 000 characters: a backtracking engine would not finish this in the age of the universe.
      if (compiled.ok) expect(compiled.matcher.test(`${"a".repeat(5_000)}!`)).toBe(false);
    }
    expect(checkModelPatterns(manifest({ models: { accept: "^(a|a)+$" } }))).toEqual([]);
  });

  it("matches an anchored literal prefix exactly as RE2 does: at the start only, case-sensitive, dots and dollars still special elsewhere", () => {
    const ids = ["gpt-5", "gpt-", "xgpt-5", "GPT-5", "gpt", "gpt-5\nx", "\ngpt-5", "a/gpt-", "gpt-:/@_x"];
    for (const pattern of ["^gpt-", "^gpt-:/@_", "^a/gpt-", "^gpt.", "^gpt-$", "^(gpt-)"]) {
      const compiled = compileAcceptPattern(pattern);
      const reference = RE2JS.compile(pattern);
      expect(compiled.ok, pattern).toBe(true);
      if (compiled.ok) for (const id of ids) expect(compiled.matcher.test(id), `${pattern} on ${JSON.stringify(id)}`).toBe(reference.test(id));
    }
  });

  it("refuses at load any accept pattern RE2 rejects: back-references and look-around", () => {
    for (const pattern of ["^(a)\\1$", "^gpt-(?!old)", "(?<=x)y"]) {
      expect(checkModelPatterns(manifest({ models: { accept: pattern } }))[0], pattern).toMatchObject({
        code: "SY_ERR_MANIFEST_BAD_PATTERN",
        path: "/providers/0/models/accept",
        message: expect.stringContaining("RE2 refuses it"),
      });
    }
  });

  it("refuses URLs with user:password@ and never repeats the password", () => {
    const problems = checkUrlCredentials(
      manifest({
        baseUrl: "https://admin:hunter2@api.t.test/v1",
        origins: ["https://api.t.test", "https://u:hunter2@api.t.test"],
        transports: { websocket: { url: "wss://user:pass@api.t.test/v1/responses" } },
      }),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ["SY_ERR_MANIFEST_URL_CREDENTIALS", "/providers/0/baseUrl"],
      ["SY_ERR_MANIFEST_URL_CREDENTIALS", "/providers/0/transports/websocket/url"],
      ["SY_ERR_MANIFEST_URL_CREDENTIALS", "/providers/0/origins/1"],
    ]);
    expect(JSON.stringify(problems)).not.toContain("hunter2");
    const mismatch = checkOrigins(manifest({ baseUrl: "https://admin:hunter2@elsewhere.test/v1" }));
    expect(mismatch[0]?.message).toContain("https://‹redacted›@elsewhere.test/v1");
    expect(JSON.stringify(mismatch)).not.toContain("hunter2");
  });

  it("refuses an entry that is absolute, a URL, or leads out of the folder", () => {
    for (const entry of ["/abs/path/x.mjs", "../../../elsewhere.mjs", "dist/../../x.mjs", "C:\\x.mjs", "file:///etc/x.mjs", "..\\x.mjs"]) {
      expect(checkEntryPath(manifest({}, { entry }))[0], entry).toMatchObject({ code: "SY_ERR_MANIFEST_ENTRY_OUTSIDE", path: "/entry" });
    }
    expect(checkEntryPath(manifest({}, { entry: "dist/./index.js" }))).toEqual([]);
  });
});
