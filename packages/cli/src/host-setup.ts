import { createHost, type HealthStore, type Host, type HostConfig, type HostOptions } from "@switchyard/core";
import { startEmulator, type Emulator } from "@switchyard/emulator";
import { loadConfigFile } from "./config-file.js";
import { EMULATOR_ENV, withEmulator } from "./emulator-wiring.js";
import { resolveExtensionPaths } from "./extensions-path.js";
import type { CliContext } from "./output.js";

/** Flags every host-loading command shares. */
export const HOST_OPTIONS = {
  config: { type: "string" },
  extensions: { type: "string", multiple: true },
} as const;

export const EMULATOR_OPTION = { emulator: { type: "boolean" } } as const;

export interface HostSetupOptions {
  config?: string | undefined;
  extensions?: string[] | undefined;
  emulator?: boolean | undefined;
  /** Builds the health store the config asks for (serve: Redis); default in-memory. */
  healthStore?: ((config: HostConfig) => Promise<HealthStore | undefined>) | undefined;
  /** Transports to use instead of the defaults (serve: an upstream pool sized to its stream limit); the host closes them. */
  transports?: ((config: HostConfig) => HostOptions["transports"]) | undefined;
}

export interface HostSetup {
  host: Host;
  emu: Emulator | undefined;
  configFile: string | undefined;
  /** The validated config, as loaded (before the emulator's URL overrides). */
  config: HostConfig;
  /** Where the host reads credentials: process env, or the emulator's placeholders. Never print it. */
  env: Readonly<Record<string, string | undefined>>;
  close(): Promise<void>;
}

/**
 * Loads config and extensions and creates the host. With `emulator`, starts one in-process on
 * 127.0.0.1:0 and points the providers at it with placeholder credentials (never process.env).
 */
export async function setUpHost(context: CliContext, options: HostSetupOptions): Promise<HostSetup> {
  const extensions = resolveExtensionPaths(context.cwd, options.extensions, context.env);
  const { config, file } = loadConfigFile(context.cwd, options.config);
  const emu = options.emulator ? await startEmulator({ port: 0, host: "127.0.0.1" }) : undefined;
  const env = emu ? EMULATOR_ENV : context.env;
  let healthStore: HealthStore | undefined;
  try {
    healthStore = await options.healthStore?.(config);
    const transports = options.transports?.(config);
    const host = await createHost({
      extensions,
      cwd: context.cwd,
      config: emu ? withEmulator(config, emu) : config,
      env,
      ...(healthStore ? { healthStore } : {}),
      ...(transports ? { transports } : {}),
    });
    return {
      host,
      emu,
      configFile: file,
      config,
      env,
      close: async () => {
        await host.close();
        await healthStore?.close?.();
        await emu?.close();
      },
    };
  } catch (error) {
    await healthStore?.close?.();
    await emu?.close();
    throw error;
  }
}

/** setUpHost() from the parsed --config, --extensions and --emulator flags. */
export function setUpHostFromFlags(context: CliContext, values: Readonly<Record<string, unknown>>): Promise<HostSetup> {
  return setUpHost(context, {
    config: values["config"] as string | undefined,
    extensions: values["extensions"] as string[] | undefined,
    emulator: values["emulator"] === true,
  });
}
