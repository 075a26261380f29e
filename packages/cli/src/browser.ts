import open from "open";

type Env = Readonly<Record<string, string | undefined>>;

/** Whether a browser can be shown here: not over SSH, and on Linux only with a display. */
export function canOpenBrowser(env: Env, platform: NodeJS.Platform = process.platform): boolean {
  if (env["SSH_CONNECTION"] || env["SSH_TTY"] || env["CI"]) return false;
  if (platform === "linux") return Boolean(env["DISPLAY"] || env["WAYLAND_DISPLAY"]);
  return true;
}

/** Opens `url` in the user's browser (the `open` package); false when that failed. */
export async function openBrowser(url: string): Promise<boolean> {
  try {
    const child = await open(url, { wait: false });
    const failed = await new Promise<boolean>((resolve) => {
      child.once("error", () => resolve(true));
      child.once("spawn", () => resolve(false));
    });
    child.unref();
    return !failed;
  } catch {
    return false;
  }
}
