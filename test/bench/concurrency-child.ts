/**
 * One concurrency sample in a fresh client process (so peak RSS is this run's alone), forked by
 * concurrency.ts: N sessions at once, each running T turns in sequence, through Switchyard or the
 * raw baseline, over websocket or HTTP.
 */
import type { Host } from "@switchyard/core";
import type { Emulator } from "@switchyard/emulator";
import { consumeSession, createBenchHost, MODEL, openRawWebSocket, RawHttpClient, userMessage, type RawWebSocket, type TurnOutcome } from "./clients.js";
import { now, sampleRss } from "./harness.js";

export interface ConcurrencySample {
  client: "switchyard" | "raw";
  transport: "websocket" | "http";
  turns: number;
  errors: number;
  firstError: string | undefined;
  ms: number;
  turnsPerSecond: number;
  /** RSS before the sessions started, and the peak while they ran (bytes). */
  rssBefore: number;
  rssPeak: number;
}

async function main(): Promise<void> {
  const [client, transport, sessionsText, turnsText, endpointsJson] = process.argv.slice(2) as [
    "switchyard" | "raw",
    "websocket" | "http",
    string,
    string,
    string,
  ];
  const sessions = Number(sessionsText);
  const turns = Number(turnsText);
  const endpoints = JSON.parse(endpointsJson) as Emulator["endpoints"];
  const endpoint = endpoints.openai;
  let host: Host | undefined;
  let http: RawHttpClient | undefined;
  const sockets: RawWebSocket[] = [];
  let errors = 0;
  let completed = 0;
  let firstError: string | undefined;

  const conversation = async (index: number, turn: (text: string) => Promise<TurnOutcome>): Promise<void> => {
    for (let step = 0; step < turns; step++) {
      try {
        const outcome = await turn(`Session ${index} turn ${step}: hello.`);
        if (outcome.deltas === 0) throw new Error("no text");
        completed++;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };

  if (client === "switchyard") host = await createBenchHost({ endpoints }, { openai: { transport } });
  else if (transport === "http") http = new RawHttpClient();
  const rssBefore = process.memoryUsage.rss();
  const rss = sampleRss(10);
  const start = now();
  await Promise.all(
    Array.from({ length: sessions }, async (_, index) => {
      if (host) {
        const session = host.session(`openai/${MODEL}`);
        return conversation(index, async (text) => {
          const outcome = await consumeSession(session.send(text));
          if (outcome.transport !== transport) throw new Error(`went over ${outcome.transport}`);
          return outcome;
        });
      }
      if (http) {
        // Full resend with store: false, as Switchyard does over HTTP.
        const items: Array<Record<string, unknown>> = [];
        return conversation(index, async (text) => {
          items.push(userMessage(text));
          const outcome = await (http as RawHttpClient).turn(`${endpoint.baseUrl}/responses`, { model: MODEL, store: false, input: items });
          items.push(...outcome.outputs);
          return outcome;
        });
      }
      // One connection per conversation; previous_response_id + the new item, as Switchyard does.
      let socket: RawWebSocket;
      try {
        socket = await openRawWebSocket(endpoint.websocketUrl);
      } catch (error) {
        errors += turns;
        firstError ??= error instanceof Error ? error.message : String(error);
        return;
      }
      sockets.push(socket);
      let previous: string | undefined;
      return conversation(index, async (text) => {
        const body: Record<string, unknown> = { model: MODEL, store: false, input: [userMessage(text)] };
        if (previous) body.previous_response_id = previous;
        const outcome = await socket.turn(body);
        previous = outcome.responseId;
        return outcome;
      });
    }),
  );
  const ms = now() - start;
  const rssPeak = rss.stop();
  await host?.close();
  await http?.close();
  await Promise.all(sockets.map((socket) => socket.close()));
  const sample: ConcurrencySample = {
    client,
    transport,
    turns: completed,
    errors,
    firstError,
    ms,
    turnsPerSecond: completed / (ms / 1000),
    rssBefore,
    rssPeak,
  };
  process.send?.(sample);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
