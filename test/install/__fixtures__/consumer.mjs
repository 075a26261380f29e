// A stranger's script, run in a project that installed the Switchyard tarballs with npm: the
// openai extension is loaded by package name and holds a two-turn websocket conversation
// against the emulator. Prints one JSON line for the suite to check.
import { createHost } from "@switchyard/core";
import { startEmulator } from "@switchyard/emulator";

const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
const host = await createHost({
  extensions: ["@switchyard/extension-openai"],
  cwd: process.cwd(),
  config: { providers: { openai: { baseUrl: emu.endpoints.openai.baseUrl, websocketUrl: emu.endpoints.openai.websocketUrl } } },
  env: { OPENAI_API_KEY: "sk-consumer-placeholder" },
});
try {
  const route = await host.resolve("openai/gpt-5.4");
  const session = host.session("openai/gpt-5.4", { instructions: "You are terse." });
  const turns = [];
  for (const prompt of ["First turn", "Second turn"]) {
    let text = "";
    let status;
    let transport;
    for await (const event of session.send(prompt)) {
      if (event.type === "response-start") transport = event.transport;
      if (event.type === "text-delta") text += event.delta;
      if (event.type === "response-end") status = event.status;
    }
    turns.push({ prompt, transport, status, text });
  }
  const providers = host.providers();
  console.log(
    JSON.stringify({
      manifest: providers.providers[0]?.file,
      problems: providers.problems,
      route: route.transport.kind,
      turns,
      requests: emu.stats().requests.map((r) => ({ transport: r.transport, previousResponseId: r.previousResponseId, credentials: r.credentials })),
    }),
  );
} finally {
  await host.close();
  await emu.close();
}
