import type { EmulatorStats, ProfileName } from "@switchyard/emulator";
import type { SelectorReason } from "@switchyard/core";
import { formatBytes, formatMs, renderTable, type Palette } from "./output.js";

/** What the demo saw for one provider, summed over its turns. */
export class ProviderTally {
  turns = 0;
  readonly transports = { websocket: 0, http: 0 };
  fallbacks = 0;
  /** Turns the selector sent to HTTP because websocket was cooling down. */
  coolDownTurns = 0;
  readonly reasons: SelectorReason[] = [];
  lastTransport: "websocket" | "http" | undefined;
  recovered: boolean | undefined;
  durationMs = 0;

  constructor(
    readonly provider: ProfileName,
    readonly ref: string,
  ) {}

  record(turn: { transport: "websocket" | "http" | undefined; fallbacks: number; reason: SelectorReason; durationMs: number }): void {
    this.turns += 1;
    if (turn.transport) this.transports[turn.transport] += 1;
    this.lastTransport = turn.transport;
    this.fallbacks += turn.fallbacks;
    if (turn.reason === "websocket-cooling-down") this.coolDownTurns += 1;
    if (!this.reasons.includes(turn.reason)) this.reasons.push(turn.reason);
    this.durationMs += turn.durationMs;
  }

  /** The machine-readable summary row (`switchyard demo --json`). */
  toJSON(stats: EmulatorStats): Record<string, unknown> {
    const wire = stats.profiles[this.provider];
    return {
      provider: this.provider,
      ref: this.ref,
      transport: this.lastTransport,
      transports: { ...this.transports },
      reason: this.reasons[0],
      reasons: [...this.reasons],
      turns: this.turns,
      requestBytes: wire.http.bytesReceived + wire.websocket.bytesReceived,
      fallbacks: this.fallbacks,
      coolDownTurns: this.coolDownTurns,
      websocketAttempts: wire.websocket.upgradesAttempted,
      ...(this.recovered === undefined ? {} : { recovered: this.recovered }),
      durationMs: Math.round(this.durationMs),
    };
  }
}

function transportCell(tally: ProviderTally): string {
  const used = (["websocket", "http"] as const).filter((kind) => tally.transports[kind] > 0);
  if (used.length === 1) return used[0]!;
  return used.map((kind) => `${kind} ${tally.transports[kind]}`).join(" + ");
}

/** The summary table the demo ends with. */
export function renderSummary(tallies: readonly ProviderTally[], stats: EmulatorStats, colors: Palette): string {
  const rows = tallies.map((tally) => {
    const wire = stats.profiles[tally.provider];
    return [
      colors.cyan(tally.provider),
      transportCell(tally),
      String(tally.turns),
      formatBytes(wire.http.bytesReceived + wire.websocket.bytesReceived),
      String(tally.fallbacks),
      String(tally.coolDownTurns),
      String(wire.websocket.upgradesAttempted),
      formatMs(tally.durationMs),
    ];
  });
  return renderTable(["provider", "transport", "turns", "request bytes", "fallbacks", "cool-down turns", "ws attempts", "time"], rows, colors);
}
