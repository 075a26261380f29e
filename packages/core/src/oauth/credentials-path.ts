import { homedir } from "node:os";
import { join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where sign-ins are kept: `$SWITCHYARD_HOME/credentials.json`, else `credentials.json` in the
 * user's config folder for Switchyard (XDG_CONFIG_HOME or ~/.config on Linux, Application Support
 * on macOS, APPDATA on Windows).
 */
export function credentialsFilePath(env: Env, platform: NodeJS.Platform = process.platform): string {
  return join(switchyardHome(env, platform), "credentials.json");
}

/** The folder for Switchyard's own files: $SWITCHYARD_HOME or the platform's config folder. */
export function switchyardHome(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (env["SWITCHYARD_HOME"]) return env["SWITCHYARD_HOME"];
  const home = env["HOME"] || homedir();
  if (platform === "win32") return join(env["APPDATA"] || join(home, "AppData", "Roaming"), "switchyard");
  if (platform === "darwin") return join(home, "Library", "Application Support", "switchyard");
  return join(env["XDG_CONFIG_HOME"] || join(home, ".config"), "switchyard");
}
