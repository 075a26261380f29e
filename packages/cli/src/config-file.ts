import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseConfig, type HostConfig } from "@switchyard/core";
import { CliErrorCode, cliError } from "./errors.js";

export const CONFIG_FILE_NAME = "switchyard.config.json";

export interface LoadedConfig {
  config: HostConfig;
  /** The file it came from, or undefined when no file was found (empty config). */
  file: string | undefined;
}

/**
 * Reads `--config <file>` or, without it, `switchyard.config.json` in cwd when present, and
 * validates it with core's schema. @throws SY_ERR_CLI_CONFIG_NOT_FOUND, SY_ERR_CLI_CONFIG_INVALID_JSON,
 * SY_ERR_CONFIG_INVALID (unknown keys, wrong types).
 */
export function loadConfigFile(cwd: string, configOption: string | undefined): LoadedConfig {
  const explicit = configOption !== undefined;
  const file = path.resolve(cwd, configOption ?? CONFIG_FILE_NAME);
  if (!existsSync(file)) {
    if (!explicit) return { config: parseConfig({}), file: undefined };
    throw cliError(CliErrorCode.configNotFound, `Config file ${file} does not exist.`, `Pass an existing file to --config, or omit it to use ./${CONFIG_FILE_NAME} when present.`);
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw cliError(CliErrorCode.configNotFound, `Config file ${file} cannot be read: ${(error as Error).message}.`, "Pass a readable JSON file to --config.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw cliError(CliErrorCode.configInvalidJson, `Config file ${file} is not valid JSON: ${(error as Error).message}.`, "Fix the JSON syntax (no comments or trailing commas).");
  }
  return { config: parseConfig(json, file), file };
}
