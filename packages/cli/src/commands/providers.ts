import type { ProviderInfo } from "@switchyard/core";
import { parseCommandLine } from "../args.js";
import type { Command } from "../command.js";
import { HOST_OPTIONS, setUpHostFromFlags } from "../host-setup.js";
import { palette, printHelp, renderTable, writeJson } from "../output.js";

const help = `Usage: switchyard providers [--json] [--config file] [--extensions path…]

Every loaded provider (api, base URL, transports with their stability, credential origins) and
every skipped extension with its problem. Config overrides (baseUrl, websocketUrl) are applied.

Options:
  --json              print { providers, problems } as JSON
  --config file       host config (default: ./switchyard.config.json when present)
  --extensions path   extension folder(s) or package name(s) (default: $SWITCHYARD_EXTENSIONS, else the shipped extensions)

Exit codes: 0 listed (also when extensions were skipped), 1 failure, 2 usage error.
`;

function transportsOf(info: ProviderInfo): string {
  const parts: string[] = [];
  if (info.transports.http) parts.push("http");
  const websocket = info.transports.websocket;
  if (websocket) parts.push(`websocket (${websocket.url ? websocket.stability : "no url"})`);
  return parts.join(", ");
}

export const providersCommand: Command = {
  name: "providers",
  summary: "list loaded providers and skipped extensions",
  help,
  async run(argv, context) {
    const { values, help: wantsHelp } = parseCommandLine("providers", argv, { ...HOST_OPTIONS, json: { type: "boolean" } }, { max: 0 });
    if (wantsHelp) return printHelp(context, help);
    const setup = await setUpHostFromFlags(context, values);
    try {
      const { providers, problems } = setup.host.providers();
      if (values["json"]) {
        writeJson(context.stdout, { providers, problems });
        return 0;
      }
      const colors = palette(context.stdout, context.env);
      const rows = providers.map((info) => [
        colors.cyan(info.id),
        info.api,
        `${info.baseUrl}${info.baseUrlSource === "manifest" ? "" : ` (${info.baseUrlSource})`}`,
        transportsOf(info),
        info.origins.join(" "),
      ]);
      context.stdout.write(renderTable(["provider", "api", "base URL", "transports", "origins"], rows, colors));
      for (const info of providers) {
        if (info.configError) context.stdout.write(`${colors.yellow("warning")} ${info.id}: ${info.configError}\n`);
      }
      if (problems.length) {
        context.stdout.write(`\n${colors.bold(`Skipped or with problems (${problems.length}):`)}\n`);
        for (const problem of problems) context.stdout.write(`  ${colors.yellow(problem.extension ?? problem.file)}: ${problem.summary}\n`);
      }
      return 0;
    } finally {
      await setup.close();
    }
  },
};
