import type { Formatter } from "./formatter.js";
import { relativePath } from "./relative-path.js";

const codes = { red: [31, 39], yellow: [33, 39], dim: [2, 22], underline: [4, 24], bold: [1, 22], green: [32, 39] } as const;

/** The default, for people: problems grouped by file, aligned columns, a summary line. */
export const stylish: Formatter = (results, context) => {
  const paint = (style: keyof typeof codes, text: string) =>
    context.color ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text;
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    lines.push(paint("underline", relativePath(context.cwd, result.filePath)));
    const rows = result.messages.map((message) => [
      `${message.line}:${message.column}`,
      message.severity,
      message.fix ? `${message.message} Fix: ${message.fix}` : message.message,
      message.ruleId,
    ]);
    const width = Math.max(...rows.map((row) => row[0]!.length));
    for (const [where, severity, text, ruleId] of rows) {
      const label = severity === "error" ? paint("red", "error  ") : paint("yellow", "warning");
      lines.push(`  ${paint("dim", where!.padEnd(width))}  ${label}  ${text}  ${paint("dim", ruleId!)}`);
    }
    lines.push("");
  }
  const files = `${results.length} manifest${results.length === 1 ? "" : "s"}`;
  if (errors + warnings === 0) return `${paint("green", "✔")} ${files} linted, no problems\n`;
  const total = errors + warnings;
  const summary = `✖ ${total} problem${total === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}) in ${files}`;
  lines.push(paint("bold", errors > 0 ? paint("red", summary) : paint("yellow", summary)));
  return `${lines.join("\n")}\n`;
};
