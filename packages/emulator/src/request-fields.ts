/**
 * Checks of the create fields that change the answer (`max_output_tokens`, `tool_choice`,
 * `text.format`), with the messages and codes the real API answers, so a client learns locally
 * what the service would refuse.
 */
import { apiError, type ApiError } from "./api-error.js";

// The API refuses smaller budgets outright.
const minOutputTokens = 16;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function checkMaxOutputTokens(value: unknown): ApiError | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return apiError(400, "invalid_type", "Invalid type for 'max_output_tokens': expected an integer.", "max_output_tokens");
  }
  if (value < minOutputTokens) {
    return apiError(
      400,
      "integer_below_min_value",
      `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= ${minOutputTokens}, but got ${value} instead.`,
      "max_output_tokens",
    );
  }
  return null;
}

function checkToolChoice(choice: unknown, tools: unknown): ApiError | null {
  if (choice === undefined || choice === null) return null;
  if (typeof choice === "string") {
    if (["auto", "none", "required"].includes(choice)) return null;
    return apiError(400, "invalid_value", `Invalid value: '${choice}'. Supported values are: 'none', 'auto', and 'required'.`, "tool_choice");
  }
  const named = record(choice);
  if (!named || (named["type"] !== "function" && named["type"] !== "custom")) return null;
  const names = Array.isArray(tools) ? tools.map((tool) => record(tool)?.["name"]) : [];
  if (typeof named["name"] === "string" && names.includes(named["name"])) return null;
  return apiError(
    400,
    "invalid_value",
    `Tool choice '${String(named["type"])}' named '${String(named["name"])}' not found in 'tools' parameter.`,
    "tool_choice",
  );
}

function checkTextFormat(text: unknown): ApiError | null {
  const format = record(record(text)?.["format"]);
  if (!format) return null;
  if (format["type"] === "json_schema") {
    if (typeof format["name"] !== "string" || format["name"].length === 0) {
      return apiError(400, "missing_required_parameter", "Missing required parameter: 'text.format.name'.", "text.format.name");
    }
    if (!record(format["schema"])) {
      return apiError(400, "missing_required_parameter", "Missing required parameter: 'text.format.schema'.", "text.format.schema");
    }
    return null;
  }
  if (format["type"] === "json_object" || format["type"] === "text" || format["type"] === undefined) return null;
  return apiError(
    400,
    "invalid_value",
    `Invalid value: '${String(format["type"])}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
    "text.format.type",
  );
}

/** The first field error of a create body, or null. */
export function checkRequestFields(body: Record<string, unknown>): ApiError | null {
  return checkMaxOutputTokens(body["max_output_tokens"]) ?? checkToolChoice(body["tool_choice"], body["tools"]) ?? checkTextFormat(body["text"]);
}
