import { z } from "zod";
import { parseCommandLine, requirePositional, validateOptions } from "../args.js";
import type { Command } from "../command.js";
import { EMULATOR_OPTION, HOST_OPTIONS, setUpHostFromFlags } from "../host-setup.js";
import { palette, printHelp, renderTable, writeJson } from "../output.js";
import { routeReason } from "../route-reason.js";

const help = `Usage: switchyard explain <provider/model> [--transport auto|websocket|http] [--json]

Where a request for the model goes and why: the route (provider, model, api, transport, URL,
fallback, credential origins, headers with secrets redacted) and every selector step with its
reason. No request is sent.

Options:
  --transport policy  auto (default: config, else auto), websocket or http
  --json              print the Route as JSON (headers redacted by the host)
  --emulator          explain the route against an in-process emulator's URLs
  --config file       host config (default: ./switchyard.config.json when present)
  --extensions path   extension folder(s) or package name(s) (default: $SWITCHYARD_EXTENSIONS, else the shipped extensions)

Exit codes: 0 explained, 1 the ref cannot be routed (unknown provider/model, websocket forced
but unusable, bad config), 2 usage error.
`;

const Options = z.object({ transport: z.enum(["auto", "websocket", "http"]).optional() });

export const explainCommand: Command = {
  name: "explain",
  summary: "show the route for provider/model and every selector step with its reason",
  help,
  async run(argv, context) {
    const options = { ...HOST_OPTIONS, ...EMULATOR_OPTION, transport: { type: "string" }, json: { type: "boolean" } } as const;
    const { values, positionals, help: wantsHelp } = parseCommandLine("explain", argv, options, { max: 1 });
    if (wantsHelp) return printHelp(context, help);
    const ref = requirePositional("explain", positionals, 0, "provider/model");
    const { transport } = validateOptions("explain", Options, { transport: values["transport"] });
    const setup = await setUpHostFromFlags(context, values);
    try {
      const route = await setup.host.resolve(ref, transport ? { transport } : {});
      if (values["json"]) {
        writeJson(context.stdout, route);
        return 0;
      }
      const colors = palette(context.stdout, context.env);
      const out = context.stdout;
      out.write(`${colors.bold(route.ref)} → ${colors.cyan(`${route.provider}/${route.model}`)} (${route.api}, extension ${route.extension})\n`);
      if (route.alias) {
        const candidates = route.alias.candidates.map((candidate) => `${candidate.ref} (${candidate.outcome}${candidate.code ? `: ${candidate.code}` : ""})`);
        out.write(`  route      ${route.alias.name}: ${candidates.join(", ")}\n`);
      }
      out.write(`  transport  ${colors.green(route.transport.kind)} ${route.transport.url}  ${colors.dim(`[${routeReason(route)}]`)}\n`);
      out.write(`  fallback   ${route.transport.fallback ? `${route.transport.fallback.kind} ${route.transport.fallback.url}` : "none"}\n`);
      out.write(`  policy     ${route.policy}\n`);
      out.write(`  base URL   ${route.baseUrl} (${route.baseUrlSource})\n`);
      out.write(`  origins    ${route.origins.join(" ")}\n`);
      const headers = Object.entries(route.transport.headers);
      if (headers.length) out.write(`  headers    ${headers.map(([name, value]) => `${name}: ${value}`).join("\n             ")}\n`);
      out.write("\n");
      const outcome = (value: string) => (value === "pass" ? colors.green(value) : value === "fail" ? colors.yellow(value) : colors.cyan(value));
      const rows = route.trace.map((step, index) => [String(index + 1), step.check, outcome(step.outcome), step.reason, step.message]);
      out.write(renderTable(["#", "check", "outcome", "reason", "message"], rows, colors));
      return 0;
    } finally {
      await setup.close();
    }
  },
};
