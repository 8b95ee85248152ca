import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the real CLI in a child process, as `npm run cli` does (tsx, no build step).
 * `wrapper` runs it under another command, e.g. ["/usr/bin/time", "-f", "%M", "-o", file].
 */
export function spawnCli(args: readonly string[], options: { env?: Record<string, string>; wrapper?: readonly string[] } = {}): ChildProcess {
  const [command, ...rest] = [...(options.wrapper ?? []), process.execPath, "--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args];
  return spawn(command!, rest, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function runCli(args: readonly string[], options: { env?: Record<string, string>; wrapper?: readonly string[] } = {}): Promise<CliResult> {
  const child = spawnCli(args, options);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
