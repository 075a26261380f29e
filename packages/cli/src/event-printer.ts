import type { UnifiedEvent } from "@switchyard/sdk";
import type { Output, Palette } from "./output.js";

export interface ToolCall {
  callId: string;
  name: string;
  arguments: string;
}

/** What one turn produced, for the caller to act on (tool calls to answer, how it went). */
export interface TurnOutcome {
  text: string;
  toolCalls: ToolCall[];
  transport: "websocket" | "http" | undefined;
  fallbacks: number;
  status: "completed" | "incomplete" | "failed" | undefined;
  error: { code: string; message: string } | undefined;
  incompleteReason: string | undefined;
}

/**
 * Renders unified events as they arrive: text deltas straight to `text`, everything else (tool
 * calls, fallbacks) as short lines on `notes`. Both may be the same stream.
 */
export class EventPrinter {
  private atLineStart = true;
  private outcome: TurnOutcome = { text: "", toolCalls: [], transport: undefined, fallbacks: 0, status: undefined, error: undefined, incompleteReason: undefined };

  constructor(
    private readonly text: Output,
    private readonly notes: Output,
    private readonly colors: Palette,
    /** Written before each line of model text and each note (the demo indents its transcript). */
    private readonly prefixes: { text?: string; note?: string } = {},
  ) {}

  handle(event: UnifiedEvent): void {
    switch (event.type) {
      case "response-start":
        this.outcome.transport = event.transport;
        break;
      case "text-delta":
        if (this.atLineStart && this.prefixes.text) this.text.write(this.prefixes.text);
        this.text.write(event.delta);
        this.outcome.text += event.delta;
        this.atLineStart = event.delta.endsWith("\n");
        break;
      case "tool-call-end":
        this.outcome.toolCalls.push({ callId: event.callId, name: event.name, arguments: event.arguments });
        this.note(this.colors.magenta(`→ tool call ${event.name}(${event.arguments})`));
        break;
      case "transport-fallback":
        this.outcome.fallbacks += 1;
        this.note(this.colors.yellow(`↯ ${event.from} failed (${event.code}): ${event.reason.split(" Fix: ")[0]} — falling back to ${event.to}`));
        break;
      case "route-failover":
        this.note(this.colors.yellow(`↯ route ${event.route}: ${event.from} failed (${event.code}) — ${event.to} answers`));
        break;
      case "response-end":
        this.outcome.status = event.status;
        this.outcome.error = event.error;
        this.outcome.incompleteReason = event.incompleteReason;
        break;
      default:
        break;
    }
  }

  /** Ends the current text line, if one is open. */
  finish(): TurnOutcome {
    if (!this.atLineStart) this.text.write("\n");
    this.atLineStart = true;
    const outcome = this.outcome;
    this.outcome = { text: "", toolCalls: [], transport: undefined, fallbacks: 0, status: undefined, error: undefined, incompleteReason: undefined };
    return outcome;
  }

  note(line: string): void {
    if (!this.atLineStart) {
      this.text.write("\n");
      this.atLineStart = true;
    }
    this.notes.write(`${this.prefixes.note ?? ""}${line}\n`);
  }
}
