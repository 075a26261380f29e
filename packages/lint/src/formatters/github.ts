import type { Formatter } from "./formatter.js";
import { relativePath } from "./relative-path.js";

/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per problem, shown inline on the diff. */
export const github: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = relativePath(context.cwd, result.filePath);
    for (const message of result.messages) {
      const command = message.severity === "error" ? "error" : "warning";
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${message.line}`,
        `col=${message.column}`,
        `title=${escapeProperty(message.ruleId)}`,
      ].join(",");
      const text = message.fix ? `${message.message} Fix: ${message.fix}` : message.message;
      lines.push(`::${command} ${properties}::${escapeData(text)}`);
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
};

/** Escaping of a command's message, as in @actions/core's toCommandValue/escapeData. */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of a command property (file, title): also `:` and `,`, which delimit properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
