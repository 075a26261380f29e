import { createInterface } from "node:readline/promises";
import type { ModelSession } from "@switchyard/core";
import { SwitchyardError, type FunctionTool, type InputItem } from "@switchyard/sdk";
import { z } from "zod";
import { parseCommandLine, requirePositional, validateOptions } from "../args.js";
import type { Command } from "../command.js";
import { CliErrorCode, cliError, usageError } from "../errors.js";
import { EventPrinter, type TurnOutcome } from "../event-printer.js";
import { EMULATOR_OPTION, HOST_OPTIONS, setUpHostFromFlags } from "../host-setup.js";
import { palette, printHelp, type CliContext } from "../output.js";
import { readAll } from "../read-stdin.js";
import { routeReason } from "../route-reason.js";
import { loadToolsFile } from "../tools-file.js";

const help = `Usage: switchyard run <provider/model> [prompt] [options]

Sends one turn and streams the model's text to stdout; the route, tool calls and fallbacks go to
stderr. Without a prompt: an interactive chat on a terminal (empty line or Ctrl+D ends it; a tool
call asks you for its result), or the prompt is read from stdin when it is piped.

Options:
  --emulator            run against an in-process emulator (placeholder credentials), not the real API
  --transport policy    auto (default: config, else auto), websocket or http
  --instructions text   system instructions (openai-codex requires them)
  --tools file          JSON array of Responses function tools to offer the model
  --json                print the unified events as JSON lines on stdout
  --config file         host config (default: ./switchyard.config.json when present)
  --extensions path     extension folder(s) or package name(s) (default: $SWITCHYARD_EXTENSIONS, else the shipped extensions)

Credentials come from the environment (e.g. OPENAI_API_KEY, XAI_API_KEY,
OPENAI_CODEX_ACCESS_TOKEN + OPENAI_CODEX_ACCOUNT_ID) or, for a provider that signs in, from
\`switchyard login <provider>\`; a missing one fails before anything is sent.

Exit codes: 0 done, 1 failure (credentials, transport, failed response), 2 usage error.
`;

const Options = z.object({ transport: z.enum(["auto", "websocket", "http"]).optional() });

export const runCommand: Command = {
  name: "run",
  handlesSignals: true,
  summary: "send a prompt (or chat) to provider/model and stream the reply",
  help,
  async run(argv, context) {
    const options = {
      ...HOST_OPTIONS,
      ...EMULATOR_OPTION,
      transport: { type: "string" },
      instructions: { type: "string" },
      tools: { type: "string" },
      json: { type: "boolean" },
    } as const;
    const { values, positionals, help: wantsHelp } = parseCommandLine("run", argv, options, { max: 2 });
    if (wantsHelp) return printHelp(context, help);
    const ref = requirePositional("run", positionals, 0, "provider/model");
    const { transport } = validateOptions("run", Options, { transport: values["transport"] });
    const json = values["json"] === true;
    const tools = typeof values["tools"] === "string" ? loadToolsFile(context.cwd, values["tools"]) : undefined;

    let prompt = positionals[1];
    const interactive = prompt === undefined && context.stdin.isTTY === true && !json;
    if (prompt === undefined && !interactive) {
      prompt = context.stdin.isTTY ? "" : (await readAll(context.stdin)).trim();
      if (prompt === "") {
        throw usageError("run", "switchyard run: no prompt: give it as an argument or pipe it on stdin.", CliErrorCode.promptMissing);
      }
    }

    const setup = await setUpHostFromFlags(context, values);
    try {
      const route = await setup.host.resolve(ref, transport ? { transport } : {});
      const notes = palette(context.stderr, context.env);
      if (!json) {
        const where = setup.emu ? ` (emulator ${setup.emu.url})` : "";
        context.stderr.write(`${notes.dim(`${route.provider}/${route.model} via ${route.transport.kind} ${route.transport.url} [${routeReason(route)}]${where}`)}\n`);
      }
      const session = setup.host.session(ref, {
        ...(typeof values["instructions"] === "string" ? { instructions: values["instructions"] } : {}),
        ...(tools ? { tools } : {}),
        ...(transport ? { transport } : {}),
        signal: context.signal,
      });
      // With --json the printer only keeps the outcome; the events themselves are the output.
      const silent = { write: () => true };
      const printer = json ? new EventPrinter(silent, silent, notes) : new EventPrinter(context.stdout, context.stderr, notes);
      const turn = (input: string | InputItem[]) => runTurn(session, input, printer, context, json);
      if (!interactive) {
        await turn(prompt as string);
        return 0;
      }
      await chat(turn, context, tools);
      return 0;
    } finally {
      await setup.close();
    }
  },
};

/** Rule violations whose host-level fix names the API; on the command line the fix is a flag. */
const INSTRUCTIONS_CODES = new Set(["SY_ERR_CODEX_INSTRUCTIONS_REQUIRED", "SY_ERR_REQUEST_RULE_VIOLATED"]);

function withCliFix(error: unknown): unknown {
  if (!(error instanceof SwitchyardError) || !INSTRUCTIONS_CODES.has(error.code) || !/instructions/i.test(error.message)) return error;
  const message = error.message.split(" Fix: ")[0] as string;
  return new SwitchyardError(error.code, message, { fix: 'Pass --instructions "…" to switchyard run.', details: { ...error.details }, cause: error });
}

async function runTurn(session: ModelSession, input: string | InputItem[], printer: EventPrinter, context: CliContext, json: boolean): Promise<TurnOutcome> {
  let outcome: TurnOutcome;
  try {
    for await (const event of session.send(input)) {
      if (json) context.stdout.write(`${JSON.stringify(event)}\n`);
      printer.handle(event);
    }
  } catch (error) {
    throw withCliFix(error);
  } finally {
    outcome = printer.finish();
  }
  if (outcome.status === "failed") {
    throw cliError(
      CliErrorCode.responseFailed,
      `The model's response failed${outcome.error ? ` (${outcome.error.code}: ${outcome.error.message})` : ""}.`,
      "Retry; if it persists, check the provider's status and the request (model, instructions, tools).",
    );
  }
  if (outcome.status === "incomplete") printer.note(`(response incomplete: ${outcome.incompleteReason ?? "unknown reason"})`);
  return outcome;
}

/** The interactive loop: one turn per line; tool calls are answered by the person at the keyboard. */
async function chat(turn: (input: string | InputItem[]) => Promise<TurnOutcome>, context: CliContext, tools: FunctionTool[] | undefined): Promise<void> {
  const colors = palette(context.stdout, context.env);
  const rl = createInterface({ input: context.stdin, output: context.stdout as NodeJS.WritableStream, terminal: true });
  rl.on("SIGINT", () => rl.close());
  const closed = new Promise<undefined>((resolve) => rl.once("close", () => resolve(undefined)));
  const ask = (question: string) => Promise.race([rl.question(question).catch(() => undefined), closed]);
  context.stdout.write(colors.dim(`Chat started${tools ? ` with tools ${tools.map((tool) => tool.name).join(", ")}` : ""}. Empty line or Ctrl+D ends it.\n`));
  try {
    for (;;) {
      const line = await ask(colors.bold("you> "));
      if (line === undefined || line.trim() === "" || line.trim() === "/exit") return;
      let outcome = await turn(line);
      while (outcome.toolCalls.length > 0) {
        const outputs: InputItem[] = [];
        for (const call of outcome.toolCalls) {
          const result = await ask(colors.magenta(`result of ${call.name}> `));
          if (result === undefined) return;
          outputs.push({ type: "function_call_output", call_id: call.callId, output: result });
        }
        outcome = await turn(outputs);
      }
    }
  } finally {
    rl.close();
  }
}
