/**
 * `@switchyard/health-redis/testing`: a throwaway redis-server for tests of a shared health store
 * (this package's and its users'). Needs the `redis-server` binary (Debian: apt-get install
 * redis-server); never opens a TCP port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A real redis-server on a unix socket in a temp folder, TCP off (--port 0). */
export interface RedisServer {
  socket: string;
  /** Stops it (SIGKILL, as a crash would) and waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same socket. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts redis-server on a unix socket in a fresh temp folder. @throws when redis-server is missing or does not start within 5 s */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "sy-redis-"));
  const socket = path.join(dir, "redis.sock");
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", ["--port", "0", "--unixsocket", socket, "--unixsocketperm", "700", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
    const started = Date.now();
    while (!existsSync(socket)) {
      if (Date.now() - started > 5_000) throw new Error("redis-server did not create its socket within 5 s (is it installed? apt-get install redis-server)");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
    rmSync(socket, { force: true });
  };
  await start();
  return {
    socket,
    kill,
    restart: start,
    close: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
