import { Writable } from "node:stream";
import { createHost, type Host } from "@switchyard/core";
import { startEmulator, type Emulator } from "@switchyard/emulator";
import { createGateway, createLogger, hashKey, type Gateway, type GatewayLimits } from "@switchyard/gateway";
import { emulatorConfig, ENV, EXTENSIONS } from "./rig.js";

/** The client key tests send; config lists only its sha256. */
export const GATEWAY_KEY = "sy-gw-test-key-0001";

export interface GatewayRig {
  emu: Emulator;
  host: Host;
  gateway: Gateway;
  url: string;
  /** Every JSON log line the gateway wrote. */
  logs: string[];
  close(): Promise<void>;
}

/** Emulator + host + gateway on 127.0.0.1:0, one client key, logs captured. */
export async function startGatewayRig(
  options: {
    providers?: Record<string, Record<string, unknown>>;
    routes?: Record<string, string[]>;
    gateway?: Record<string, unknown>;
    limits?: Partial<GatewayLimits>;
    /** Provider credentials (default: the same sentinel for every provider). */
    env?: Record<string, string>;
  } = {},
): Promise<GatewayRig> {
  const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
  const host = await createHost({ extensions: [EXTENSIONS], config: { ...emulatorConfig(emu, options.providers), routes: options.routes ?? {} }, env: options.env ?? ENV });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const gateway = createGateway({
    host,
    env: options.env ?? ENV,
    config: { keys: [{ id: "test", sha256: hashKey(GATEWAY_KEY) }], ...options.gateway },
    logger: createLogger({ destination }),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const url = await gateway.listen(0, "127.0.0.1");
  return {
    emu,
    host,
    gateway,
    url,
    logs,
    close: async () => {
      await gateway.close();
      await host.close();
      await emu.close();
    },
  };
}
