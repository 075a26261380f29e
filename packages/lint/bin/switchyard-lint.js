#!/usr/bin/env node
// The published bin: the compiled CLI runs itself when imported as the process's entry.
import { runLintCli } from "../dist/cli.js";

process.exitCode = await runLintCli(process.argv.slice(2));
