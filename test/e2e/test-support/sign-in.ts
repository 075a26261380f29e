import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHost, type Host, type HostOptions } from "@switchyard/core";
import { startEmulator, type Emulator, type EmulatorOptions } from "@switchyard/emulator";
import { EXTENSIONS } from "./rig.js";

/** One request that reached the API origin: what a network observer there would see. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A recording HTTP proxy on 127.0.0.1:0 in front of the emulator's API paths: every request's
 * headers and body are kept, then forwarded, and the answer streamed back as it comes.
 */
export async function startRecorder(target: string): Promise<{ url: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const upstream = request(`${target}${req.url ?? "/"}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
        seen.push({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: body.toString("utf8"), status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SignInRig {
  emu: Emulator;
  recorder: Awaited<ReturnType<typeof startRecorder>>;
  home: string;
  credentialsFile: string;
  /** Config pointing openai-codex's API at the recorder and its sign-in at the emulator's issuer. */
  config: { providers: Record<string, Record<string, unknown>> };
  host: Host;
  /** Another host on the same credentials file (a second process's view, in this one). */
  newHost(options?: Partial<HostOptions>): Promise<Host>;
  /** The stored entries, read straight from the file. */
  stored(): Record<string, { accessToken: string; refreshToken?: string; idToken?: string; expiresAt?: number; accountId?: string }>;
  close(): Promise<void>;
}

/** Emulator + recorder + a temp SWITCHYARD_HOME + a host with no token in its environment. */
export async function startSignInRig(emulator: EmulatorOptions = {}): Promise<SignInRig> {
  const emu = await startEmulator({ port: 0, host: "127.0.0.1", ...emulator });
  const recorder = await startRecorder(emu.url);
  const home = mkdtempSync(join(tmpdir(), "switchyard-sign-in-"));
  const credentialsFile = join(home, "credentials.json");
  const config = { providers: { "openai-codex": { baseUrl: `${recorder.url}/backend-api/codex`, oauthIssuer: emu.endpoints.oauth.issuer } } };
  const hosts: Host[] = [];
  const newHost = async (options: Partial<HostOptions> = {}): Promise<Host> => {
    const host = await createHost({ extensions: [EXTENSIONS], config, env: { SWITCHYARD_HOME: home }, ...options });
    hosts.push(host);
    return host;
  };
  const host = await newHost();
  return {
    emu,
    recorder,
    home,
    credentialsFile,
    config,
    host,
    newHost,
    stored: () => (JSON.parse(readFileSync(credentialsFile, "utf8")) as { providers: ReturnType<SignInRig["stored"]> }).providers,
    close: async () => {
      await Promise.all(hosts.map((each) => each.close()));
      await recorder.close();
      await emu.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Signs openai-codex in by the code flow, with this test as the browser: it follows the URL to the callback. */
export async function signInAsBrowser(host: Host): Promise<void> {
  await host.auth.login("openai-codex", {
    port: 0,
    onAuthorizeUrl: (url) => {
      void followToCallback(url);
    },
  });
}

/** Does what a browser does with the sign-in URL: the issuer's redirect, then the loopback callback. */
export async function followToCallback(url: string): Promise<number> {
  const approval = await fetch(url, { redirect: "manual" });
  const callback = approval.headers.get("location");
  if (!callback) throw new Error(`the issuer answered ${approval.status} without a redirect`);
  return (await fetch(callback)).status;
}
