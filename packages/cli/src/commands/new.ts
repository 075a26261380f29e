import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BUILTIN_APIS, credentialOrigin, isLoopbackHost, tryParseUrl } from "@switchyard/sdk";
import { parseCommandLine, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { CliErrorCode, cliError, usageError } from "../errors.js";
import { printHelp, writeJson } from "../output.js";
import { cliVersion } from "../version.js";
import { extensionProjectFiles } from "../scaffold/extension-template.js";

const help = `Usage: switchyard new extension <id> [--dir D] [--api API] [--base-url URL] [--websocket URL] [--json]

Writes a ready provider-extension project: a JSON manifest (with a $schema resolved from
node_modules), a typed entry (defineExtension), a conformance test against the emulator, a
README, and a package.json whose "test" and "lint" scripts pass on first run after npm install.

Options:
  --dir D            where to write it (default: ./<id>); must be empty or absent
  --api API          wire API: ${Object.keys(BUILTIN_APIS).join(" | ")} (default: openai-responses)
  --base-url URL     the provider's HTTP base URL (default: https://api.<id>.example/v1)
  --websocket URL    declare the WebSocket mode at this wss:// URL (experimental until you mark it stable)
  --json             print { dir, files } as JSON

Exit codes: 0 written, 1 the folder is not empty, 2 usage error.
`;

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** An http(s)/ws(s) URL that is encrypted unless it is loopback. @throws SY_ERR_CLI_BAD_ARGUMENT */
function checkUrl(flag: string, value: string, schemes: readonly string[]): string {
  const url = tryParseUrl(value);
  if (!url || !schemes.includes(url.protocol) || credentialOrigin(url) === undefined) {
    throw usageError("new", `switchyard new: ${flag} ${JSON.stringify(value)} is not a ${schemes.map((s) => s.replace(":", "://")).join(" or ")} URL.`);
  }
  if ((url.protocol === "http:" || url.protocol === "ws:") && !isLoopbackHost(url.hostname)) {
    throw usageError("new", `switchyard new: ${flag} ${value} is unencrypted on a host that is not loopback; use ${url.protocol === "ws:" ? "wss" : "https"}://.`);
  }
  return value;
}

export const newCommand: Command = {
  name: "new",
  summary: "write a new extension project (switchyard new extension <id>)",
  help,
  async run(argv, context) {
    const options = { dir: { type: "string" }, api: { type: "string" }, "base-url": { type: "string" }, websocket: { type: "string" }, json: { type: "boolean" } } as const;
    const { values, positionals, help: wantsHelp } = parseCommandLine("new", argv, options, { max: 2 });
    if (wantsHelp) return printHelp(context, help);
    const kind = requirePositional("new", positionals, 0, "kind");
    if (kind !== "extension") throw usageError("new", `switchyard new: unknown kind ${JSON.stringify(kind)}; the one kind is "extension".`);
    const id = requirePositional("new", positionals, 1, "id");
    if (!ID.test(id)) throw usageError("new", `switchyard new extension: id ${JSON.stringify(id)} must be lowercase letters, digits and dashes, starting with a letter or digit.`);
    const api = (values["api"] as string | undefined) ?? "openai-responses";
    if (!Object.hasOwn(BUILTIN_APIS, api)) throw usageError("new", `switchyard new extension: --api ${JSON.stringify(api)} is not one of ${Object.keys(BUILTIN_APIS).join(", ")}.`);
    const baseUrl = checkUrl("--base-url", (values["base-url"] as string | undefined) ?? `https://api.${id}.example/v1`, ["https:", "http:"]);
    const websocket = values["websocket"] as string | undefined;
    const websocketUrl = websocket === undefined ? undefined : checkUrl("--websocket", websocket, ["wss:", "ws:"]);
    if (websocketUrl && !BUILTIN_APIS[api]?.transports.includes("websocket")) {
      throw usageError("new", `switchyard new extension: api ${JSON.stringify(api)} is spoken over HTTP only, so --websocket cannot be declared for it.`);
    }

    const dir = path.resolve(context.cwd, (values["dir"] as string | undefined) ?? id);
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw cliError(CliErrorCode.targetNotEmpty, `${dir} already exists and is not empty; nothing was written.`, "Pass --dir with a new or empty folder.");
    }
    const files = extensionProjectFiles({ id, api, baseUrl, websocketUrl, switchyardRange: `^${cliVersion()}` });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    if (values["json"]) {
      writeJson(context.stdout, { dir, files: Object.keys(files) });
      return 0;
    }
    const shown = path.relative(context.cwd, dir) || ".";
    context.stdout.write(
      [`Wrote extension "${id}" to ${shown}:`, ...Object.keys(files).map((name) => `  ${name}`), "", "Next:", `  cd ${shown}`, "  npm install", "  npm test        # conformance suite against the emulator", "  npm run lint    # switchyard lint --check-entry .", ""].join("\n"),
    );
    return 0;
  },
};
