import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

/**
 * Vitest global setup: every temporary directory a test makes (mkdtemp under os.tmpdir(), in the test
 * workers and in the processes they start) lands in one directory of this run, removed when the run ends,
 * so a test that forgets to clean up, or is killed by a time limit, leaves nothing behind.
 */
export default function setup(): () => void {
  const system = tmpdir();
  const root = mkdtempSync(path.join(system, "bulletin-bot-tests-"));
  // tsx keeps its compiled-module cache in os.tmpdir(): workers that load TypeScript through it keep the shared one.
  const tsxCache = `tsx-${process.geteuid?.() ?? userInfo().username}`;
  mkdirSync(path.join(system, tsxCache), { recursive: true });
  symlinkSync(path.join(system, tsxCache), path.join(root, tsxCache));
  // Workers are forked after global setup and inherit the environment; os.tmpdir() reads TMPDIR at each call.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
