import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { configInvalid } from "./errors.js";
import type { RuleSetting } from "./rule.js";

/** The config file looked up in the working folder when --config is not given. */
export const CONFIG_FILE_NAME = "switchyard-lint.json";

const SETTINGS: readonly RuleSetting[] = ["off", "warn", "error"];

/**
 * Reads `{ "rules": { "<rule-id>": "off" | "warn" | "error" } }`. Like the manifest, nothing is
 * ignored: an unknown key, rule id or value is an error rather than a silently unapplied setting.
 * Returns no settings when there is no config file and none was asked for.
 * @throws SY_ERR_LINT_CONFIG_INVALID
 */
export function loadConfig(options: { cwd: string; configPath?: string; ruleIds: readonly string[] }): Record<string, RuleSetting> {
  const file = options.configPath === undefined ? resolve(options.cwd, CONFIG_FILE_NAME) : resolve(options.cwd, options.configPath);
  if (!existsSync(file)) {
    if (options.configPath === undefined) return {};
    throw configInvalid(options.configPath, "the file does not exist", "Pass --config an existing file, or omit it to use ./switchyard-lint.json.");
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw configInvalid(file, `not valid JSON (${reason})`, "Fix the JSON syntax.");
  }
  const shape = '{ "rules": { "<rule-id>": "off" | "warn" | "error" } }';
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw configInvalid(file, "expected an object", `Write ${shape}.`);
  for (const key of Object.keys(value)) {
    if (key !== "rules") throw configInvalid(file, `unknown key "${key}"`, `Remove it; the only key is "rules": ${shape}.`);
  }
  const rules = (value as { rules?: unknown }).rules ?? {};
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) throw configInvalid(file, '"rules" is not an object', `Write ${shape}.`);
  const settings: Record<string, RuleSetting> = {};
  for (const [ruleId, setting] of Object.entries(rules)) {
    if (!options.ruleIds.includes(ruleId)) {
      throw configInvalid(file, `unknown rule "${ruleId}"`, `Use one of: ${options.ruleIds.join(", ")}.`);
    }
    if (!SETTINGS.includes(setting as RuleSetting)) {
      throw configInvalid(file, `rule "${ruleId}" is set to ${JSON.stringify(setting)}`, 'Use "off", "warn" or "error".');
    }
    settings[ruleId] = setting as RuleSetting;
  }
  return settings;
}
