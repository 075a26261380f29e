import { readFileSync } from "node:fs";
import path from "node:path";
import type { FunctionTool } from "@switchyard/sdk";
import { z } from "zod";
import { CliErrorCode, cliError } from "./errors.js";

const ToolsSchema = z.array(
  z.strictObject({
    type: z.literal("function"),
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "expected 1-64 letters, digits, _ or -"),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()),
    strict: z.boolean().optional(),
  }),
);

/** Reads a JSON array of Responses function tools. @throws SY_ERR_CLI_TOOLS_INVALID */
export function loadToolsFile(cwd: string, file: string): FunctionTool[] {
  const resolved = path.resolve(cwd, file);
  const fix = 'Pass a JSON array like [{ "type": "function", "name": "get_weather", "parameters": { "type": "object" } }].';
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolved, "utf8"));
  } catch (error) {
    throw cliError(CliErrorCode.toolsInvalid, `Tools file ${resolved} cannot be read as JSON: ${(error as Error).message}.`, fix);
  }
  const result = ToolsSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw cliError(CliErrorCode.toolsInvalid, `Tools file ${resolved}: ${issue.path.join(".") || "(root)"}: ${issue.message}.`, fix);
  }
  return result.data as FunctionTool[];
}
