import { describe, expect, it } from "vitest";
import { apiCatalog } from "../apis.js";
import { checkApis, checkHostRange, checkModelPatterns, checkOrigins, checkSecureSchemes, checkWebsocketUrl } from "./index.js";
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

  it("websocket-url and model patterns", () => {
    expect(checkWebsocketUrl(manifest({ transports: { websocket: { stability: "stable" } } }))[0]).toMatchObject({ code: "SY_ERR_MANIFEST_WEBSOCKET_URL_MISSING" });
    expect(checkModelPatterns(manifest({ models: { accept: "(a+)+$" } }))[0]).toMatchObject({ code: "SY_ERR_MANIFEST_BAD_PATTERN" });
    expect(checkModelPatterns(manifest({ models: { accept: "([" } }))[0]).toMatchObject({ code: "SY_ERR_MANIFEST_BAD_PATTERN" });
    expect(checkModelPatterns(manifest({ models: { accept: "^gpt-" } }))).toEqual([]);
  });
});
