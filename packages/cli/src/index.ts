/** @switchyard/cli — the `switchyard` command, callable in-process as `main(argv, io)`. */
export { main, COMMANDS } from "./main.js";
export type { Command } from "./command.js";
export type { CliContext, Output } from "./output.js";
export { CliErrorCode } from "./errors.js";
export { EMULATOR_ENV, emulatorProviders, withEmulator } from "./emulator-wiring.js";
export { loadConfigFile, CONFIG_FILE_NAME } from "./config-file.js";
