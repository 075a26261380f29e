import { main } from "./main.js";

// A closed pipe (`switchyard run … | head`) ends the output, not with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
// A command that returned has closed what it opened; if a stray handle still holds the loop,
// do not let the terminal hang on it.
setTimeout(() => process.exit(code), 2_000).unref();
