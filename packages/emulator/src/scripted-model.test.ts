import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkText, planResponse, planUsage } from "./scripted-model.js";

describe("the scripted model", () => {
  it("is deterministic and its deltas always join back to the text", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 9 }), fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), (text, deltaSize, textDeltas) => {
        const request = { conversation: [{ role: "user", content: text }], tools: [], generate: true, options: { deltaSize, ...(textDeltas ? { textDeltas } : {}) } };
        const first = planResponse(request);
        expect(planResponse(request)).toEqual(first);
        if (first.kind !== "text") throw new Error("expected text");
        const deltas = [...chunkText(first.text, deltaSize)];
        expect(deltas.join("")).toBe(first.text);
        if (textDeltas) expect(deltas).toHaveLength(textDeltas);
      }),
    );
  });

  it("calls only a tool the user names as a whole word", () => {
    const tools = [{ type: "function", name: "search", parameters: { type: "object", properties: { query: { type: "string" }, mode: { enum: ["fast", "deep"] }, limit: { type: "integer" } }, required: ["query", "mode"] } }];
    expect(planResponse({ conversation: [{ role: "user", content: "please search cats" }], tools, generate: true, options: {} })).toEqual({
      kind: "function_call",
      name: "search",
      arguments: '{"query":"please cats","mode":"fast"}',
      deltaSize: 4,
    });
    expect(planResponse({ conversation: [{ role: "user", content: "research cats" }], tools, generate: true, options: {} }).kind).toBe("text");
  });

  it("fills only the required fields of Codex's exec_command, leaving max_output_tokens unset", () => {
    const execCommand = {
      type: "function",
      name: "exec_command",
      parameters: {
        type: "object",
        properties: { cmd: { type: "string" }, max_output_tokens: { type: "number" }, tty: { type: "boolean" }, workdir: { type: "string" } },
        required: ["cmd"],
        additionalProperties: false,
      },
    };
    const plan = planResponse({ conversation: [{ role: "user", content: "use exec_command to run ls" }], tools: [execCommand], generate: true, options: {} });
    expect(plan).toMatchObject({ kind: "function_call", name: "exec_command" });
    if (plan.kind !== "function_call") return;
    expect(Object.keys(JSON.parse(plan.arguments))).toEqual(["cmd"]);
  });

  it("counts usage as chars/4 with total = input + output", () => {
    const plan = { kind: "text" as const, text: "12345678", deltaSize: 4 };
    expect(planUsage("abcd", [{ role: "user", content: "efgh" }], plan)).toMatchObject({ input_tokens: 2, output_tokens: 2, total_tokens: 4 });
  });
});

describe("subjectOf", () => {
  it("picks the proper nouns or numbers the user asked the tool about", async () => {
    const { subjectOf } = await import("./scripted-model.js");
    expect(subjectOf("What is the weather in Paris? Use get_weather.", "get_weather")).toBe("Paris");
    expect(subjectOf("Please call get_weather for New York today", "get_weather")).toBe("New York");
    expect(subjectOf("Please run lookup_order for order 42", "lookup_order")).toBe("42");
    expect(subjectOf("use get_weather please", "get_weather")).toBe("use please");
    expect(subjectOf("get_weather", "get_weather")).toBe("get_weather");
  });
});
