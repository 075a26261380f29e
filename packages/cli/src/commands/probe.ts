import type { ProbeOutcome } from "@switchyard/core";
import { z } from "zod";
import { parseCommandLine, requirePositional, validateOptions } from "../args.js";
import type { Command } from "../command.js";
import { CliErrorCode, cliError } from "../errors.js";
import { EMULATOR_OPTION, HOST_OPTIONS, setUpHostFromFlags } from "../host-setup.js";
import { formatMs, palette, printHelp, renderTable, writeJson } from "../output.js";
import { startSpinner } from "../spinner.js";

const help = `Usage: switchyard probe <provider> [--emulator] [--timeout ms] [--json]

Actively checks every transport the provider declares, so an author can verify a capability
before marking it stable: HTTP with GET {baseUrl}/models, websocket with an upgrade handshake
that is closed at once (nothing is sent over it). Credentials from the environment are attached
only when the target lies inside the provider's credential origins; redirects are not followed.

Options:
  --emulator          probe an in-process emulator instead of the real endpoints
  --timeout ms        per-transport time limit (default 5000)
  --json              print { provider, ok, results } as JSON
  --config file       host config (default: ./switchyard.config.json when present)
  --extensions path   extension folder(s) or package name(s) (default: $SWITCHYARD_EXTENSIONS, else the shipped extensions)

Exit codes: 0 every declared transport answered, 1 any failed, 2 usage error.
`;

const Options = z.object({ timeout: z.coerce.number().int().positive().max(600_000).default(5_000) });

export const probeCommand: Command = {
  name: "probe",
  summary: "check each declared transport endpoint of a provider (status, latency)",
  help,
  async run(argv, context) {
    const options = { ...HOST_OPTIONS, ...EMULATOR_OPTION, timeout: { type: "string" }, json: { type: "boolean" } } as const;
    const { values, positionals, help: wantsHelp } = parseCommandLine("probe", argv, options, { max: 1 });
    if (wantsHelp) return printHelp(context, help);
    const providerId = requirePositional("probe", positionals, 0, "provider");
    const { timeout } = validateOptions("probe", Options, { timeout: values["timeout"] });
    const setup = await setUpHostFromFlags(context, values);
    try {
      const info = setup.host.providers().providers.find((candidate) => candidate.id === providerId);
      // The host checks with the headers a real request carries; the credentials never reach the CLI.
      const stop = startSpinner(context.stderr, `probing ${providerId}`);
      let rows: ProbeOutcome[];
      try {
        rows = await setup.host.probe(providerId, { timeoutMs: timeout });
      } finally {
        stop();
      }
      const ok = rows.length > 0 && rows.every((row) => row.ok);
      if (values["json"]) {
        writeJson(context.stdout, { provider: providerId, ok, emulator: setup.emu?.url, results: rows });
      } else {
        const colors = palette(context.stdout, context.env);
        context.stdout.write(`${colors.bold(`probe ${providerId}`)}${setup.emu ? colors.dim(` (emulator ${setup.emu.url})`) : ""}\n`);
        const table = rows.map((row) => [
          row.transport + (row.transport === "websocket" && row.stability ? ` (${row.stability})` : ""),
          row.url ?? "(none)",
          row.ok ? colors.green("ok") : colors.red("FAIL"),
          row.detail,
          formatMs(row.latencyMs),
          row.credentials,
        ]);
        context.stdout.write(renderTable(["transport", "url", "result", "detail", "latency", "credentials"], table, colors));
        if (info && rows.some((row) => row.credentials === "not set") && info.auth.env.length) {
          context.stdout.write(colors.dim(`No credential set: export ${info.auth.env.join(" or ")} to probe authenticated endpoints.\n`));
        }
      }
      if (!ok) {
        const failed = rows.filter((row) => !row.ok).map((row) => `${row.transport} (${row.detail})`);
        throw cliError(
          CliErrorCode.probeFailed,
          rows.length ? `Probe of "${providerId}" failed for ${failed.join(", ")}.` : `Provider "${providerId}" declares no transport to probe.`,
          "Check the URL, network and credentials shown above; keep a failing websocket capability experimental until it passes.",
        );
      }
      return 0;
    } finally {
      await setup.close();
    }
  },
};
