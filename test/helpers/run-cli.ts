import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { runCli } from "../../src/cli/program.js";
import { CONFIG_VARIABLES } from "../../src/config.js";
import { buildIfNeeded } from "../../bin/build-if-needed.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a test's CLI sees: only what the test gives, on top of quiet logs. Nothing
 * from the developer's shell (PUBLIC_BASE_URL, EMBEDDING_*, LLM_*) can change a result or reach
 * a real endpoint.
 */
export function sealedEnvironment(env: Record<string, string> = {}): Record<string, string> {
  return { LOG_LEVEL: "warn", ...env };
}

/** Every setting present and empty: a child's .env in the project root cannot fill them in (the environment wins over .env). */
export function blankConfiguration(): Record<string, string> {
  return Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, ""]));
}

/** Runs the CLI program in this process, as `bulletin-bot` would, capturing what it writes. */
export async function runCliInProcess(args: readonly string[], options: { env?: Record<string, string>; tty?: boolean } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
  };
  const code = await runCli({ argv: args, env: sealedEnvironment(options.env), io, cwd: ROOT });
  return { code, stdout, stderr };
}

let built = false;

/** The compiled program (dist/) is current with the sources: child processes run it as staff do. */
export function ensureBuilt(): void {
  if (built) return;
  buildIfNeeded();
  built = true;
}

/**
 * Starts the real CLI in a child process, as staff run it (bin/bulletin-bot.js: the compiled
 * program, rebuilt first when the sources changed), with a sealed environment: PATH and HOME only,
 * plus what the test gives. `wrapper` runs it under another command, e.g. ["/usr/bin/time", "-f", "%M", "-o", file].
 */
export function spawnCli(args: readonly string[], options: { env?: Record<string, string>; wrapper?: readonly string[] } = {}): ChildProcess {
  ensureBuilt();
  const [command, ...rest] = [...(options.wrapper ?? []), process.execPath, path.join(ROOT, "dist/cli/main.js"), ...args];
  return spawn(command!, rest, { cwd: ROOT, env: childEnvironment(options.env), stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * A child's whole environment: PATH, HOME and TMPDIR (the run's temporary root, test/helpers/temporary-root.ts),
 * every setting blank, then what the test gives on top of quiet logs.
 */
export function childEnvironment(env: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    ...blankConfiguration(),
    ...sealedEnvironment(env),
  };
}

/** Runs the real CLI in a child process (see spawnCli) and collects its output. */
export function runCliProcess(args: readonly string[], options: { env?: Record<string, string>; wrapper?: readonly string[] } = {}): Promise<CliResult> {
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
