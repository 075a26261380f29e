import { main } from "./main.js";

const code = await main(process.argv.slice(2));
process.exitCode = code;
// A command that returned has closed what it opened; if a stray handle still holds the loop,
// do not let the terminal hang on it.
setTimeout(() => process.exit(code), 2_000).unref();
