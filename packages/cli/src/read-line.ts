import { createInterface } from "node:readline";

/** The first line typed or piped on `stream`, or undefined at its end; `stop()` stops listening. */
export function firstLine(stream: NodeJS.ReadableStream): { line: Promise<string | undefined>; stop(): void } {
  const reader = createInterface({ input: stream, terminal: false });
  const line = new Promise<string | undefined>((resolve) => {
    reader.once("line", (text) => {
      resolve(text);
      reader.close();
    });
    reader.once("close", () => resolve(undefined));
  });
  return { line, stop: () => reader.close() };
}
