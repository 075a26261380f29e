import { fileURLToPath } from "node:url";
import { createHost } from "@switchyard/core";
import { describeConformance } from "@switchyard/testkit";
import { describe, expect, it } from "vitest";
import extension, { shapeCodexRequest } from "../src/index.js";

const folder = fileURLToPath(new URL("..", import.meta.url));

describeConformance({ extension: folder, profiles: { "openai-codex": "openai-codex" }, instructions: "You are Codex." });

describe("openai-codex extension", () => {
  it("forces store false and carries reasoning encrypted, keeping other fields", () => {
    const shaped = shapeCodexRequest({ model: "gpt-5.4", instructions: "be brief", store: true, include: ["file_search_call.results"], temperature: 0.2 });
    expect(shaped).toEqual({
      model: "gpt-5.4",
      instructions: "be brief",
      store: false,
      include: ["file_search_call.results", "reasoning.encrypted_content"],
      temperature: 0.2,
    });
  });

  it("refuses a request without instructions with a coded error", () => {
    for (const instructions of [undefined, "", "   "]) {
      expect(() => shapeCodexRequest({ model: "gpt-5.4", ...(instructions === undefined ? {} : { instructions }) })).toThrow(
        expect.objectContaining({ code: "SY_ERR_CODEX_INSTRUCTIONS_REQUIRED" }),
      );
    }
  });

  it("keeps usage-limit errors from falling back: HTTP would hit the same limit", () => {
    const classify = extension.providers["openai-codex"]?.classifyError;
    const base = { code: "SY_ERR_TRANSPORT_SERVER_ERROR", message: "m", transport: "websocket" as const, phase: "before-first-event" as const };
    expect(classify?.({ ...base, serverCode: "usage_limit_reached" })).toEqual({ fallback: false });
    expect(classify?.({ ...base, serverCode: "server_error" })).toBeUndefined();
  });

  it("stays on HTTP at chatgpt.com by default and never reaches api.openai.com", async () => {
    const host = await createHost({ extensions: [folder], env: {} });
    const route = await host.resolve("openai-codex/gpt-5.4-codex");
    expect(route).toMatchObject({ model: "gpt-5.4", origins: ["https://chatgpt.com"], transport: { kind: "http", url: "https://chatgpt.com/backend-api/codex/responses" } });
    expect(route.trace.at(-1)?.reason).toBe("websocket-experimental");
    expect(route.transport.headers).toMatchObject({ "chatgpt-account-id": "‹missing: set OPENAI_CODEX_ACCOUNT_ID›" });
    await host.close();
  });
});
