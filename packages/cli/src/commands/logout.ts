import { parseCommandLine, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { HOST_OPTIONS, setUpHostFromFlags } from "../host-setup.js";
import { printHelp, writeJson } from "../output.js";

const help = `Usage: switchyard logout <provider> [--json]

Removes a provider's stored sign-in from $SWITCHYARD_HOME/credentials.json. The issuer is not told
(its tokens expire on their own); sign out on the provider's site to end every session.

Options:
  --json              print { provider, removed, file }
  --config file       host config (default: ./switchyard.config.json when present)
  --extensions path   extension folder(s)

Exit codes: 0 done (also when it was not signed in), 1 failure, 2 usage error.
`;

export const logoutCommand: Command = {
  name: "logout",
  summary: "remove a provider's stored sign-in",
  help,
  async run(argv, context) {
    const { values, positionals, help: wantsHelp } = parseCommandLine("logout", argv, { ...HOST_OPTIONS, json: { type: "boolean" } }, { max: 1 });
    if (wantsHelp) return printHelp(context, help);
    const provider = requirePositional("logout", positionals, 0, "provider");
    const setup = await setUpHostFromFlags(context, values);
    try {
      const removed = await setup.host.auth.logout(provider);
      const file = setup.host.auth.file;
      if (values["json"]) writeJson(context.stdout, { provider, removed, file });
      else context.stdout.write(removed ? `Signed out of ${provider} (removed from ${file}).\n` : `${provider} was not signed in.\n`);
      return 0;
    } finally {
      await setup.close();
    }
  },
};
