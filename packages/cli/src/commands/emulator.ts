import { parseFaultSpec, profileNames, startEmulator, type Fault } from "@switchyard/emulator";
import { z } from "zod";
import { parseCommandLine, validateOptions } from "../args.js";
import { untilAborted, type Command } from "../command.js";
import { emulatorProviders } from "../emulator-wiring.js";
import { palette, printHelp, renderTable, writeJson } from "../output.js";

const help = `Usage: switchyard emulator [--port N] [--host H] [--fault spec…] [--json]

Runs the Responses API emulator (HTTP SSE and WebSocket mode, openai / openai-codex / xai
dialects) in the foreground and prints a switchyard.config.json snippet that points the shipped
providers at it. Any non-empty API key is accepted. Ctrl+C (SIGINT) or SIGTERM stops it cleanly.

Options:
  --port N        port to listen on (default 0: a free port)
  --host H        address to listen on (default 127.0.0.1)
  --fault spec    inject a fault, repeatable: [profile:][transport:]kind[=value][,key=value…]
                  e.g. openai:websocket:upgrade-status=500,times=3   *:http:http-status=429,retryAfter=2
                  kinds: upgrade-status refuse http-status error-event cut delay forget-continuation connection-age
  --json          print { url, endpoints, config } as one JSON line instead of the text banner

Exit codes: 0 stopped cleanly, 1 could not start (port in use), 2 usage error (bad flag or fault spec).
`;

const Options = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default("127.0.0.1"),
});

export const emulatorCommand: Command = {
  name: "emulator",
  handlesSignals: true,
  summary: "run the Responses API emulator in the foreground (with optional faults)",
  help,
  async run(argv, context) {
    const options = { port: { type: "string" }, host: { type: "string" }, fault: { type: "string", multiple: true }, json: { type: "boolean" } } as const;
    const { values, help: wantsHelp } = parseCommandLine("emulator", argv, options, { max: 0 });
    if (wantsHelp) return printHelp(context, help);
    const { port, host } = validateOptions("emulator", Options, { port: values["port"], host: values["host"] });
    const faults: Fault[] = ((values["fault"] as string[] | undefined) ?? []).map((spec) => parseFaultSpec(spec));
    const emu = await startEmulator({ port, host, faults });
    const config = { providers: emulatorProviders(emu.endpoints) };
    if (values["json"]) {
      context.stdout.write(`${JSON.stringify({ url: emu.url, endpoints: emu.endpoints, config })}\n`);
    } else {
      const colors = palette(context.stdout, context.env);
      context.stdout.write(`${colors.bold("Switchyard emulator")} listening on ${colors.cyan(emu.url)}\n`);
      const rows = profileNames.map((profile) => [profile, emu.endpoints[profile].baseUrl, emu.endpoints[profile].websocketUrl]);
      context.stdout.write(renderTable(["profile", "baseUrl", "websocketUrl"], rows, colors));
      context.stdout.write(`  OAuth issuer (config oauthIssuer): ${colors.cyan(emu.endpoints.oauth.issuer)}\n`);
      if (faults.length) context.stdout.write(`  faults: ${faults.map((fault) => JSON.stringify(fault)).join(" ")}\n`);
      context.stdout.write(`\n${colors.dim("switchyard.config.json (any non-empty API key works):")}\n`);
      writeJson(context.stdout, config);
      context.stdout.write(colors.dim("\nCtrl+C stops it.\n"));
    }
    await untilAborted(context.signal);
    await emu.close();
    if (!values["json"]) context.stdout.write("Emulator stopped.\n");
    return 0;
  },
};
