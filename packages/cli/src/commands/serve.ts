import { createGateway, createLogger, DEFAULT_LIMITS } from "@switchyard/gateway";
import { createHttpTransport } from "@switchyard/transports";
import { createRedisHealthStore } from "@switchyard/health-redis";
import { z } from "zod";
import { parseCommandLine, validateOptions } from "../args.js";
import { untilAborted, type Command } from "../command.js";
import { EMULATOR_OPTION, HOST_OPTIONS, setUpHost } from "../host-setup.js";
import { palette, printHelp } from "../output.js";

const help = `Usage: switchyard serve [--config F] [--port N] [--listen HOST] [--emulator] [--json] [--extensions DIR…]

Serves the host as an OpenAI-compatible Responses API: POST /v1/responses (SSE or JSON), the
WebSocket mode on GET /v1/responses, GET /v1/models, /healthz, /readyz, /v1/switchyard/health
and /metrics. A request's model is provider/model or a route alias (config "routes"). Clients
authenticate with keys listed by sha256 in config "gateway.keys"; provider credentials stay here.
With config "healthStore": { "redis": { "url" | "socket" } } instances share health memory.
SIGTERM (or Ctrl+C) stops accepting, drains in-flight responses (gateway.drainMs, default 30 s),
then exits. Logs are JSON lines on stderr, secrets redacted.

Options:
  --config F       config file (default ./switchyard.config.json when present)
  --port N         port to listen on (default 4141; 0 picks a free one)
  --listen HOST    address to listen on (default 127.0.0.1; 0.0.0.0 exposes it)
  --emulator       start the embedded emulator and point the shipped providers at it
  --json           print {"url":"http://HOST:PORT"} as the first stdout line once listening
  --extensions D   extension folders or packages (default: the shipped extensions)

Exit codes: 0 stopped cleanly, 1 could not start, 2 usage error.
`;

const Options = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4141),
  listen: z.string().min(1).default("127.0.0.1"),
});

export const serveCommand: Command = {
  name: "serve",
  handlesSignals: true,
  summary: "serve the host as an OpenAI-compatible Responses gateway",
  help,
  async run(argv, context) {
    const options = { ...HOST_OPTIONS, ...EMULATOR_OPTION, port: { type: "string" }, listen: { type: "string" }, json: { type: "boolean" } } as const;
    const { values, help: wantsHelp } = parseCommandLine("serve", argv, options, { max: 0 });
    if (wantsHelp) return printHelp(context, help);
    const { port, listen } = validateOptions("serve", Options, { port: values["port"], listen: values["listen"] });
    const log = createLogger({ destination: { write: (line: string) => context.stderr.write(line) } });
    const setup = await setUpHost(context, {
      config: values["config"] as string | undefined,
      extensions: values["extensions"] as string[] | undefined,
      emulator: values["emulator"] === true,
      healthStore: async (config) =>
        config.healthStore
          ? createRedisHealthStore(config.healthStore, { onStatus: (status) => log[status.state === "degraded" ? "warn" : "info"]({ healthStore: status }, "health store") })
          : undefined,
      // Every stream the gateway admits may need its own upstream HTTP connection.
      transports: (config) => ({ http: createHttpTransport({ connectionsPerOrigin: config.gateway?.maxConcurrentStreams ?? DEFAULT_LIMITS.maxConcurrentStreams }) }),
    });
    try {
      const gateway = createGateway({ host: setup.host, env: setup.env, logger: log, ...(setup.config.gateway ? { config: setup.config.gateway } : {}) });
      const url = await gateway.listen(port, listen);
      if (values["json"]) context.stdout.write(`${JSON.stringify({ url })}\n`);
      else {
        const colors = palette(context.stdout, context.env);
        context.stdout.write(`${colors.bold("Switchyard gateway")} listening on ${colors.cyan(url)}${setup.emu ? ` (emulator at ${setup.emu.url})` : ""}\n`);
        if (!setup.config.gateway?.keys.length) context.stdout.write(colors.yellow("  no gateway.keys in the config: every client is accepted (keep --listen on loopback)\n"));
      }
      await untilAborted(context.signal);
      await gateway.drain();
    } finally {
      await setup.close();
    }
    return 0;
  },
};
