import { parseCommandLine } from "../args.js";
import type { Command } from "../command.js";
import { usageError } from "../errors.js";
import { HOST_OPTIONS, setUpHostFromFlags } from "../host-setup.js";
import { palette, printHelp, renderTable, writeJson } from "../output.js";

const help = `Usage: switchyard auth status [--json]

For every provider that signs in (auth.scheme "oauth"): signed in or not, the account, when the
access token expires and whether it can be refreshed, and the issuer. Never a token.

Options:
  --json              print { file, providers: [{ provider, signedIn, account, expiresAt, expired, refreshable, issuer, source, note }] }
  --config file       host config (default: ./switchyard.config.json when present)
  --extensions path   extension folder(s)

Exit codes: 0 listed, 1 failure, 2 usage error.
`;

export const authCommand: Command = {
  name: "auth",
  summary: "auth status: which providers are signed in, as whom, until when",
  help,
  async run(argv, context) {
    const { values, positionals, help: wantsHelp } = parseCommandLine("auth", argv, { ...HOST_OPTIONS, json: { type: "boolean" } }, { max: 1 });
    if (wantsHelp) return printHelp(context, help);
    if (positionals[0] !== "status") throw usageError("auth", `switchyard auth: ${positionals[0] === undefined ? "missing" : `unknown subcommand ${JSON.stringify(positionals[0])}, expected`} "status".`);
    const setup = await setUpHostFromFlags(context, values);
    try {
      const providers = await setup.host.auth.status();
      const file = setup.host.auth.file;
      if (values["json"]) {
        writeJson(context.stdout, { file, providers });
        return 0;
      }
      const colors = palette(context.stdout, context.env);
      const rows = providers.map((status) => [
        colors.cyan(status.provider),
        status.signedIn ? colors.green("signed in") : colors.yellow("not signed in"),
        status.account ?? "",
        status.expiresAt ? `${status.expiresAt}${status.expired ? " (expired)" : ""}${status.refreshable ? ", refreshable" : ""}` : "",
        status.issuer ?? "",
      ]);
      context.stdout.write(renderTable(["provider", "status", "account", "access token expires", "issuer"], rows, colors));
      for (const status of providers) {
        if (status.note) context.stdout.write(`${colors.yellow("note")} ${status.provider}: ${status.note}\n`);
        if (!status.signedIn) context.stdout.write(`  sign in: switchyard login ${status.provider}\n`);
      }
      context.stdout.write(colors.dim(`credentials file: ${file}\n`));
      return 0;
    } finally {
      await setup.close();
    }
  },
};
