import { readFileSync } from "node:fs";
import path from "node:path";
import { createHost, type Host } from "@switchyard/core";
import { startEmulator, type Emulator, type ProfileName } from "@switchyard/emulator";
import { LOAD_CHECKS, MANIFEST_FILE_NAME, parseManifest, type ProviderManifest, type UnifiedEvent } from "@switchyard/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

export interface ConformanceOptions {
  /** The extension folder (holding switchyard.extension.json). */
  extension: string;
  /**
   * The emulator dialect each provider is run against, by provider id; default "anthropic" for
   * api `anthropic-messages`, "openai-codex" for `openai-codex-responses`, else "openai" (which
   * also serves Chat Completions).
   */
  profiles?: Readonly<Record<string, ProfileName>>;
  /**
   * Instructions for every session. Default: none, unless the provider's manifest says
   * `request.requires: ["instructions"]`, which gets a fixed line (the host refuses a request
   * without them).
   */
  instructions?: string;
}

const TOOL = {
  type: "function" as const,
  name: "lookup_order",
  description: "Looks up an order",
  parameters: { type: "object", properties: { order: { type: "string" } }, required: ["order"] },
};

const DEFAULT_INSTRUCTIONS = "You are the Switchyard conformance suite's test agent.";

/**
 * Registers a vitest suite that checks an extension the way the host will use it: its manifest
 * passes every load check, the host loads it, and each provider holds a text turn and a tool-call
 * round trip on every transport it declares, against the local emulator (real sockets on
 * 127.0.0.1), sending credentials on every request when it declares auth.
 */
export function describeConformance(options: ConformanceOptions): void {
  const file = path.join(options.extension, MANIFEST_FILE_NAME);
  const parsed = parseManifest(readFileSync(file, "utf8"), { file });
  const manifest = parsed.ok ? parsed.manifest : undefined;

  describe(`conformance: ${manifest?.id ?? file}`, () => {
    it("has a manifest that passes the schema and every load check", () => {
      expect(parsed.problems).toEqual([]);
      expect(LOAD_CHECKS.flatMap(({ check }) => (manifest ? check(manifest) : [])).filter((p) => p.severity === "error")).toEqual([]);
    });
    if (!manifest) return;
    for (const provider of manifest.providers) describeProvider(options, provider);
  });
}

function describeProvider(options: ConformanceOptions, provider: ProviderManifest): void {
  const profile = options.profiles?.[provider.id] ?? defaultProfile(provider.api);
  const instructions = options.instructions ?? (provider.request?.requires?.includes("instructions") ? DEFAULT_INSTRUCTIONS : undefined);
  const model = provider.models.default ?? provider.models.known?.[0] ?? "conformance-model";
  const kinds = (["http", "websocket"] as const).filter((kind) => provider.transports[kind] !== undefined && (kind === "http" || provider.transports.websocket?.url));
  let emu: Emulator;
  let host: Host;

  describe(`provider ${provider.id} (emulator profile ${profile})`, () => {
    beforeAll(async () => {
      emu = await startEmulator({ port: 0, host: "127.0.0.1" });
      const endpoint = emu.endpoints[profile];
      const websocket = provider.transports.websocket ? { websocketUrl: endpoint.websocketUrl, allowExperimental: true } : {};
      host = await createHost({
        extensions: [options.extension],
        config: { providers: { [provider.id]: { baseUrl: endpoint.baseUrl, ...websocket } } },
        env: fakeCredentials(provider),
      });
    });
    afterAll(async () => {
      await host?.close();
      await emu?.close();
    });

    it("loads without problems and resolves its default model", async () => {
      expect(host.providers().problems).toEqual([]);
      const route = await host.resolve(`${provider.id}/${model}`);
      expect(route.trace.length).toBeGreaterThan(0);
      expect(route.api).toBe(provider.api);
    });

    for (const kind of kinds) {
      it(`holds a text turn and a tool-call round trip over ${kind}`, async () => {
        emu.resetStats();
        const session = host.session(`${provider.id}/${model}`, { transport: kind, tools: [TOOL], ...(instructions ? { instructions } : {}) });
        const text = await run(session.send("Say hello to the conformance suite"));
        expect(text[0]).toMatchObject({ type: "response-start", transport: kind });
        expect(text.some((event) => event.type === "text-delta")).toBe(true);
        expect(text.at(-1)).toMatchObject({ type: "response-end", status: "completed", usage: { totalTokens: expect.any(Number) } });

        const call = (await run(session.send("Please run lookup_order for order 42"))).find((event) => event.type === "tool-call-end");
        expect(call).toMatchObject({ type: "tool-call-end", name: TOOL.name });
        if (call?.type !== "tool-call-end") return;
        expect(() => JSON.parse(call.arguments)).not.toThrow();
        const answer = await run(session.send([{ type: "function_call_output", call_id: call.callId, output: "shipped" }]));
        expect(answer.at(-1)).toMatchObject({ type: "response-end", status: "completed" });

        const log = emu.stats().requests;
        expect(log).toHaveLength(3);
        expect(log.every((entry) => entry.transport === kind)).toBe(true);
        if (provider.auth && provider.auth.scheme !== "none" && !provider.auth.optional) expect(log.every((entry) => entry.credentials)).toBe(true);
      });
    }
  });
}

async function run(stream: AsyncIterable<UnifiedEvent>): Promise<UnifiedEvent[]> {
  const events: UnifiedEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** A placeholder value for every credential variable the provider reads. */
function fakeCredentials(provider: ProviderManifest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of provider.auth?.env ?? []) env[name] = `conformance-${name.toLowerCase()}`;
  for (const source of Object.values(provider.auth?.headers ?? {})) env[source.env] = `conformance-${source.env.toLowerCase()}`;
  return env;
}

/** The emulator profile that serves an api: the Messages API under "anthropic", the codex dialect under "openai-codex". */
function defaultProfile(api: string): ProfileName {
  if (api === "anthropic-messages") return "anthropic";
  if (api === "openai-codex-responses") return "openai-codex";
  return "openai";
}
