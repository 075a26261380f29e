// One process's codex turn on a shared credentials file: argv = extensions folder, SWITCHYARD_HOME, config JSON.
// Prints one JSON line: { text } or { error: code }.
import { createHost } from "@switchyard/core";

const [extensions, home, config] = process.argv.slice(2);
const host = await createHost({ extensions: [extensions], config: JSON.parse(config), env: { SWITCHYARD_HOME: home } });
try {
  let text = "";
  for await (const event of host.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send(`from ${process.pid}`)) {
    if (event.type === "text-delta") text += event.delta;
  }
  process.stdout.write(`${JSON.stringify({ text })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error.code ?? String(error) })}\n`);
} finally {
  await host.close();
}
