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

  it("admits Codex CLI's shape: no instructions, the base prompt as a leading developer message", () => {
    const developer = { type: "message" as const, role: "developer" as const, content: "You are Codex." };
    const shaped = shapeCodexRequest({ model: "gpt-5.4", input: [developer, { role: "user", content: "hi" }] });
    expect(shaped).toMatchObject({ store: false, input: [developer, { role: "user", content: "hi" }] });
    expect(() => shapeCodexRequest({ model: "gpt-5.4", input: [{ role: "user", content: "hi" }, developer] })).toThrow(
      expect.objectContaining({ code: "SY_ERR_CODEX_INSTRUCTIONS_REQUIRED" }),
    );
  });

  it("goes to its own stable websocket at chatgpt.com by default, HTTP there as fallback, never api.openai.com", async () => {
    const host = await createHost({ extensions: [folder], env: {} });
    const route = await host.resolve("openai-codex/gpt-5.4-codex");
    expect(route).toMatchObject({
      model: "gpt-5.4",
      origins: ["https://chatgpt.com"],
      transport: {
        kind: "websocket",
        url: "wss://chatgpt.com/backend-api/codex/responses",
        fallback: { kind: "http", url: "https://chatgpt.com/backend-api/codex/responses" },
      },
    });
    expect(route.trace.at(-1)?.reason).toBe("websocket-selected");
    // No token in the environment: the bearer and the account header come from the sign-in.
    expect(route.transport.headers).toMatchObject({ authorization: "Bearer ‹sign-in›", "chatgpt-account-id": "‹sign-in: chatgpt_account_id›", originator: "switchyard" });
    await host.close();
  });
});
