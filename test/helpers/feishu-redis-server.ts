import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { closedPort } from "./network.js";

export const REDIS_SERVER = "/usr/bin/redis-server";
export const redisAvailable = existsSync(REDIS_SERVER);
/** Shown in the test name when the binary is missing, so the skip says why. */
export const redisSkipReason = redisAvailable ? "" : ` (skipped: ${REDIS_SERVER} not found; apt-get install redis-server)`;

/** A throwaway redis-server on a free loopback port, without persistence; resolves once it accepts connections. */
export async function startRedisServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await closedPort();
  const child: ChildProcess = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
    child.once("error", reject);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
