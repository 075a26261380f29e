import type { DeviceCodePrompt, SignInStatus } from "@switchyard/core";
import { z } from "zod";
import { parseCommandLine, requirePositional, validateOptions } from "../args.js";
import { canOpenBrowser, openBrowser } from "../browser.js";
import type { Command } from "../command.js";
import { usageError } from "../errors.js";
import { HOST_OPTIONS, setUpHostFromFlags } from "../host-setup.js";
import { palette, printHelp, type CliContext } from "../output.js";
import { firstLine } from "../read-line.js";
import { describeSignIn } from "../sign-in-status.js";

const help = `Usage: switchyard login <provider> [--device] [--no-browser] [--json]
       switchyard login openai-codex --import-codex [path]

Signs a provider in with the OAuth flow its manifest declares (auth.scheme "oauth") and keeps the
tokens in $SWITCHYARD_HOME/credentials.json (default: the user's config folder), readable by you
only. Requests then carry the bearer and account header from there, refreshed before they expire.

The browser flow (default) opens the sign-in page and waits for the redirect on a loopback port.
Where the browser runs elsewhere, open the printed URL there and paste the address it ends on
(or the code) here.

Options:
  --device              the device code flow: a code to enter on another device (headless machines)
  --no-browser          print the sign-in URL instead of opening a browser
  --import-codex [path] adopt the Codex CLI's sign-in (default $CODEX_HOME/auth.json, ~/.codex/auth.json)
  --callback-port N     the loopback port of the redirect (default: the manifest's; 0 = any free port)
  --json                print JSON lines: the URL or device code, then the status (never a token)
  --config file         host config (default: ./switchyard.config.json when present); oauthIssuer moves the issuer
  --extensions path     extension folder(s)

Exit codes: 0 signed in, 1 failure, 2 usage error.
`;

const Options = z.object({ "callback-port": z.coerce.number().int().min(0).max(65535).optional() });

export const loginCommand: Command = {
  name: "login",
  summary: "sign a provider in (OAuth: browser, pasted redirect, device code, or a Codex CLI import)",
  help,
  handlesSignals: true,
  async run(argv, context) {
    const flags = {
      ...HOST_OPTIONS,
      device: { type: "boolean" },
      "no-browser": { type: "boolean" },
      "import-codex": { type: "boolean" },
      "callback-port": { type: "string" },
      json: { type: "boolean" },
    } as const;
    const { values, positionals, help: wantsHelp } = parseCommandLine("login", argv, flags, { max: 2 });
    if (wantsHelp) return printHelp(context, help);
    const provider = requirePositional("login", positionals, 0, "provider");
    const importCodex = values["import-codex"] === true;
    if (positionals.length > 1 && !importCodex) throw usageError("login", `switchyard login: unexpected argument ${JSON.stringify(positionals[1])} (a path goes with --import-codex).`);
    if (importCodex && values["device"]) throw usageError("login", "switchyard login: --import-codex and --device exclude each other.");
    const { "callback-port": port } = validateOptions("login", Options, { "callback-port": values["callback-port"] });
    const json = values["json"] === true;
    const say = (event: Record<string, unknown>, text: string): void => {
      context.stdout.write(json ? `${JSON.stringify(event)}\n` : text);
    };
    const setup = await setUpHostFromFlags(context, values);
    const pasted = importCodex || values["device"] ? undefined : firstLine(context.stdin);
    try {
      const status = await setup.host.auth.login(provider, {
        ...(importCodex ? { importCodex: positionals[1] ?? true } : {}),
        device: values["device"] === true,
        ...(port !== undefined ? { port } : {}),
        ...(pasted ? { pasted: pasted.line } : {}),
        signal: context.signal,
        onAuthorizeUrl: (url) => showAuthorizeUrl(context, url, values["no-browser"] === true, say),
        onDeviceCode: (prompt) => showDeviceCode(context, prompt, say),
      });
      say({ event: "signed-in", ...status, file: setup.host.auth.file }, signedInText(context, status, setup.host.auth.file));
      return 0;
    } finally {
      pasted?.stop();
      await setup.close();
    }
  },
};

async function showAuthorizeUrl(context: CliContext, url: string, noBrowser: boolean, say: (event: Record<string, unknown>, text: string) => void): Promise<void> {
  const opened = !noBrowser && canOpenBrowser(context.env) && (await openBrowser(url));
  say(
    { event: "authorize-url", url, browserOpened: opened },
    `${opened ? "Opened your browser to sign in. If it did not open, visit:" : "Open this URL in a browser to sign in:"}\n\n  ${url}\n\n` +
      "Waiting for the sign-in… (or paste the address the browser ends on, or the code, and press Enter)\n",
  );
}

function showDeviceCode(context: CliContext, prompt: DeviceCodePrompt, say: (event: Record<string, unknown>, text: string) => void): void {
  const colors = palette(context.stdout, context.env);
  say(
    { event: "device-code", ...prompt },
    `On any device, open ${colors.cyan(prompt.verificationUri)} and enter the code ${colors.bold(prompt.userCode)}\n` +
      `(it expires in ${Math.round(prompt.expiresInSeconds / 60)} minutes). Waiting for approval…\n`,
  );
}

function signedInText(context: CliContext, status: SignInStatus, file: string): string {
  const colors = palette(context.stdout, context.env);
  return `${colors.green("Signed in")} ${describeSignIn(status)}\nTokens are kept in ${file} (mode 0600).\n`;
}
