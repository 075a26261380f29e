/**
 * startEmulator(): one node:http server with a ws upgrade handler, serving every profile.
 */
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { WebSocketServer } from "ws";
import { Engine } from "./engine.js";
import { EmulatorError, EmulatorErrorCode } from "./errors.js";
import { isSendableCloseCode, validateFaults, type Fault } from "./faults.js";
import { dialectRoute, refuseDialectUpgrade } from "./dialect-routes.js";
import { handleHttpRequest } from "./http-handler.js";
import type { OAuthOptions, OAuthStats } from "./oauth-issuer.js";
import { isProfileName, profileNames, profiles, type ProfileName } from "./profiles.js";
import type { ModelOptions } from "./scripted-model.js";
import type { ScriptedTurn, ScriptScope } from "./script-queue.js";
import type { EmulatorStats } from "./stats.js";
import { addUpgradeHeaders, handleUpgrade, type WebSocketSession } from "./websocket-handler.js";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  faults?: Fault[];
  model?: ModelOptions;
  /** WebSocket connection age limit per profile, in ms (defaults: openai 60 min, openai-codex 60 min, xai 25 min). */
  connectionAgeMs?: Partial<Record<ProfileName, number>>;
  /** The OAuth issuer's account, access-token lifetime and device polling interval. */
  oauth?: OAuthOptions;
}

/** The emulator's OAuth issuer, as tests drive it. */
export interface EmulatorOAuth {
  /** The issuer URL (the emulator's origin), for config `oauthIssuer`. */
  readonly issuer: string;
  /** Approves a pending device-code sign-in, as the user's browser would. False when unknown. */
  approveDevice(userCode: string): boolean;
  /** Revokes every refresh token: the next refresh is refused with invalid_grant. Returns how many. */
  revokeRefreshTokens(): number;
  /** Moves the issuer's clock forward, so access tokens expire without waiting. */
  advanceClock(ms: number): void;
  stats(): OAuthStats;
  resetStats(): void;
}

export interface ProfileEndpoint {
  baseUrl: string;
  websocketUrl: string;
}

export interface Emulator {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  readonly endpoints: Readonly<Record<ProfileName, ProfileEndpoint>> & { readonly oauth: { readonly issuer: string } };
  readonly oauth: EmulatorOAuth;
  /** A live access token the issuer signed (a JWT with the account claim); negative `expiresInMs` makes an expired one. */
  issueAccessToken(options?: { accountId?: string; expiresInMs?: number }): string;
  /** Replaces the active faults. Throws SY_ERR_EMULATOR_FAULT_* on a bad fault. */
  setFaults(faults: Fault[]): void;
  /** Queues scripted turns for the next matching requests. Throws SY_ERR_EMULATOR_SCRIPT_INVALID. */
  script(turns: ScriptedTurn[], scope?: ScriptScope): void;
  stats(): EmulatorStats;
  resetStats(): void;
  /**
   * Closes the open websocket connections (of one profile, or all), as an outage or a restart
   * would: clients must reconnect, and upgrade faults then apply. Returns how many were closed.
   */
  disconnect(options?: { profile?: ProfileName; code?: number }): number;
  /** Ends every socket and resolves once the server is fully closed. */
  close(): Promise<void>;
}

function optionsError(what: string, fix: string): EmulatorError {
  return new EmulatorError(EmulatorErrorCode.optionsInvalid, `Invalid emulator options: ${what}.`, fix);
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min;
}

function validateOptions(options: EmulatorOptions): void {
  if (options.port !== undefined && (!isCount(options.port, 0) || options.port > 65535)) {
    throw optionsError(`port ${JSON.stringify(options.port)} is not a port number`, "Use 0 for a free port, or 1-65535.");
  }
  const model = options.model ?? {};
  if (model.textDeltas !== undefined && !isCount(model.textDeltas, 1)) {
    throw optionsError(`model.textDeltas ${JSON.stringify(model.textDeltas)} is not a whole number ≥ 1`, "Omit it or use 1 or more.");
  }
  if (model.deltaSize !== undefined && !isCount(model.deltaSize, 1)) {
    throw optionsError(`model.deltaSize ${JSON.stringify(model.deltaSize)} is not a whole number ≥ 1`, "Omit it or use 1 or more.");
  }
  const oauth = options.oauth ?? {};
  if (oauth.accessTokenTtlMs !== undefined && !isCount(oauth.accessTokenTtlMs, 1000)) {
    throw optionsError(`oauth.accessTokenTtlMs ${JSON.stringify(oauth.accessTokenTtlMs)} is not a whole number ≥ 1000`, "Give milliseconds, at least one second.");
  }
  if (oauth.deviceIntervalSeconds !== undefined && !isCount(oauth.deviceIntervalSeconds, 0)) {
    throw optionsError(`oauth.deviceIntervalSeconds ${JSON.stringify(oauth.deviceIntervalSeconds)} is not a whole number ≥ 0`, "Give seconds, 0 or more.");
  }
  if (oauth.accountId !== undefined && (typeof oauth.accountId !== "string" || !/^[\w.-]{1,128}$/.test(oauth.accountId))) {
    throw optionsError(`oauth.accountId ${JSON.stringify(oauth.accountId)} is not an account id`, "Use letters, digits, '_', '.' or '-'.");
  }
  for (const [name, ms] of Object.entries(options.connectionAgeMs ?? {})) {
    if (!isProfileName(name)) throw optionsError(`connectionAgeMs has unknown profile "${name}"`, `Use ${profileNames.join(", ")}.`);
    if (!isCount(ms, 1)) throw optionsError(`connectionAgeMs.${name} ${JSON.stringify(ms)} is not a whole number ≥ 1`, "Give milliseconds.");
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void =>
      reject(new EmulatorError(EmulatorErrorCode.listenFailed, `The emulator could not listen on ${host}:${port}: ${error.message}.`, "Use port 0 or a free port, and a local host address.", { cause: error }));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** Starts the emulator. Throws SY_ERR_EMULATOR_OPTIONS_INVALID, SY_ERR_EMULATOR_FAULT_*, SY_ERR_EMULATOR_LISTEN_FAILED. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  validateOptions(options);
  const engine = new Engine({ ...options.model }, options.oauth);
  engine.faults.replace(validateFaults(options.faults ?? []));
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  const sessions = new Set<WebSocketSession>();
  // permessage-deflate is offered as the real endpoints offer it (Codex CLI asks for it); clients
  // that do not ask get uncompressed frames. Small frames stay uncompressed (ws's 1 KiB threshold).
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: true, maxPayload: 256 * 1024 * 1024 });
  wss.on("headers", addUpgradeHeaders);
  const server = createServer((req, res) => {
    (dialectRoute(req) ?? handleHttpRequest)(engine, req, res).catch(() => res.destroy());
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    engine.stats.openConnections += 1;
    // Scripted byte-by-byte bodies rely on each write leaving at once.
    socket.setNoDelay(true);
    socket.once("close", () => {
      sockets.delete(socket);
      engine.stats.openConnections -= 1;
    });
  });
  const connectionAgeMs = (profile: (typeof profiles)[ProfileName]): number =>
    options.connectionAgeMs?.[profile.name] ?? profile.defaultConnectionAgeMs;
  server.on("upgrade", (req, socket, head) => {
    if (!refuseDialectUpgrade(req, socket)) handleUpgrade({ engine, wss, sessions, connectionAgeMs }, req, socket, head);
  });

  const port = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  const endpoints = {} as Record<ProfileName, ProfileEndpoint>;
  for (const name of profileNames) {
    const base = profiles[name].basePath;
    endpoints[name] = Object.freeze({ baseUrl: `${url}${base}`, websocketUrl: `ws://${urlHost}:${port}${base}/responses` });
  }
  engine.issuer.bind(url);
  const issuer = engine.issuer;
  let closing: Promise<void> | undefined;
  const ensureOpen = (what: string): void => {
    if (closing) throw new EmulatorError(EmulatorErrorCode.closed, `Cannot ${what}: the emulator at ${url} is closed.`, "Start a new emulator.");
  };

  return {
    url,
    port,
    endpoints: Object.freeze({ ...endpoints, oauth: Object.freeze({ issuer: url }) }),
    oauth: Object.freeze({
      issuer: url,
      approveDevice: (userCode: string) => issuer.approveDevice(userCode),
      revokeRefreshTokens: () => issuer.revokeRefreshTokens(),
      advanceClock: (ms: number) => issuer.advanceClock(ms),
      stats: () => issuer.stats(),
      resetStats: () => issuer.resetStats(),
    }),
    issueAccessToken: (tokenOptions) => issuer.issueAccessToken(tokenOptions),
    setFaults(faults) {
      ensureOpen("set faults");
      engine.faults.replace(validateFaults(faults));
    },
    script(turns, scope) {
      ensureOpen("script turns");
      engine.scripts.add(turns, scope);
    },
    stats: () => engine.stats.snapshot(),
    resetStats: () => engine.stats.reset(),
    disconnect(options = {}) {
      ensureOpen("disconnect");
      const code = options.code ?? 1012;
      if (!isSendableCloseCode(code)) {
        throw optionsError(`close code ${JSON.stringify(code)} cannot be sent`, "Use 1000-1003, 1007-1014 or 3000-4999.");
      }
      let closed = 0;
      for (const session of sessions) {
        if (options.profile !== undefined && session.profileName !== options.profile) continue;
        session.disconnect(code);
        closed += 1;
      }
      return closed;
    },
    close() {
      closing ??= (async () => {
        // Every socket's own close event, so openConnections is 0 when close() resolves.
        const socketsClosed = [...sockets].map((socket) => new Promise<void>((resolve) => socket.once("close", () => resolve())));
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const session of sessions) session.terminate();
        server.closeAllConnections();
        // Upgraded sockets are no longer tracked by the http server: end them ourselves.
        for (const socket of sockets) socket.destroy();
        await Promise.all([serverClosed, ...socketsClosed]);
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closing;
    },
  };
}
