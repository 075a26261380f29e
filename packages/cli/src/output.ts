import { styleText } from "node:util";

/** Where a command writes. Tests and `main()` callers may pass their own. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliContext {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM while a command runs. */
  signal: AbortSignal;
}

type Style = Parameters<typeof styleText>[0];

export interface Palette {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
}

/** Colours only on a terminal, and never with NO_COLOR set (https://no-color.org). */
export function palette(stream: Output, env: CliContext["env"]): Palette {
  const enabled = stream.isTTY === true && !env.NO_COLOR;
  // We decide per stream ourselves; styleText would otherwise judge by process.stdout alone.
  const paint = (style: Style) => (text: string) => (enabled ? styleText(style, text, { validateStream: false }) : text);
  return {
    enabled,
    bold: paint("bold"),
    dim: paint("dim"),
    green: paint("green"),
    red: paint("red"),
    yellow: paint("yellow"),
    cyan: paint("cyan"),
    magenta: paint("magenta"),
  };
}

// eslint-disable-next-line no-control-regex
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return [...text.replace(ANSI, "")].length;
}

/** A plain-text table: padded columns, a header row, two spaces between columns. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], colors?: Palette): string {
  const widths = headers.map((header, column) => Math.max(visibleLength(header), ...rows.map((row) => visibleLength(row[column] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + " ".repeat((widths[column] ?? 0) - visibleLength(cell))))
      .join("  ")
      .trimEnd();
  const head = line(headers);
  return `${[colors ? colors.bold(head) : head, ...rows.map(line)].join("\n")}\n`;
}

export function writeJson(stream: Output, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function printHelp(context: { stdout: Output }, text: string): 0 {
  context.stdout.write(text);
  return 0;
}
