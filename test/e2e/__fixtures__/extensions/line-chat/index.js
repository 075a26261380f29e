import { defineExtension } from "@switchyard/sdk";

// The "line-chat" protocol. Request: { model, system?, tools: [{ name, schema }], turns: [...] }
// where a turn is { role: "user", text } | { role: "model", text?, calls?: [{ id, name, args }] }
// | { role: "tool", id, output }. Answer: JSON Lines { kind: "start" | "text" | "call" | "end" | "error", ... }.

function turnsOf(items) {
  const turns = [];
  for (const item of items) {
    const text = typeof item.content === "string" ? item.content : (item.content ?? []).map((part) => part.text ?? "").join("");
    if (item.type === "function_call") {
      const last = turns.at(-1);
      const call = { id: item.call_id, name: item.name, args: JSON.parse(item.arguments || "{}") };
      if (last?.role === "model") (last.calls ??= []).push(call);
      else turns.push({ role: "model", calls: [call] });
    } else if (item.type === "function_call_output") turns.push({ role: "tool", id: item.call_id, output: item.output });
    else if (item.role === "assistant") turns.push({ role: "model", text });
    else if (item.role === "user") turns.push({ role: "user", text });
  }
  return turns;
}

const lineChat = {
  id: "line-chat",
  framing: { http: "json-lines" },
  encode(turn) {
    const { body } = turn;
    if (body.model === "explode") throw new Error("this codec cannot encode model explode");
    return {
      model: body.model,
      ...(body.instructions ? { system: body.instructions } : {}),
      tools: (body.tools ?? []).map((tool) => ({ name: tool.name, schema: tool.parameters })),
      turns: turnsOf(turn.items),
    };
  },
  createDecoder(options) {
    let terminal;
    let responseId;
    let text;
    const itemId = () => `${responseId}:text`;
    return {
      get terminal() {
        return terminal;
      },
      get responseId() {
        return responseId;
      },
      decode(frame, out) {
        switch (frame.kind) {
          case "start":
            responseId = frame.id;
            out.push({ type: "response-start", responseId, model: frame.model, transport: options.transport, input: options.input });
            return;
          case "text":
            text = (text ?? "") + frame.text;
            out.push({ type: "text-delta", itemId: itemId(), delta: frame.text });
            return;
          case "call": {
            const args = JSON.stringify(frame.args);
            out.push({ type: "tool-call-start", itemId: frame.id, callId: frame.id, name: frame.name });
            out.push({ type: "tool-call-delta", itemId: frame.id, delta: args });
            out.push({ type: "tool-call-end", itemId: frame.id, callId: frame.id, name: frame.name, arguments: args });
            return;
          }
          case "end": {
            if (text !== undefined) out.push({ type: "text-end", itemId: itemId(), text });
            terminal = { kind: "response-end", status: "completed" };
            const usage = { inputTokens: frame.usage.in, outputTokens: frame.usage.out, totalTokens: frame.usage.in + frame.usage.out };
            out.push({ type: "response-end", responseId, status: "completed", usage });
            return;
          }
          case "error":
            terminal = { kind: "server-error", code: frame.code, message: frame.message, status: undefined };
            return;
          default:
            return;
        }
      },
    };
  },
};

export default defineExtension({ id: "line-chat", providers: { line: {} }, apis: { "line-chat": lineChat } });
