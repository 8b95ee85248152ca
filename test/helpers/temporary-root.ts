import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Vitest global setup: every temporary directory a test makes (mkdtemp under os.tmpdir(), in the test
 * workers and in the processes they start) lands in one directory of this run, removed when the run ends,
 * so a test that forgets to clean up, or is killed by a time limit, leaves nothing behind.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "bulletin-bot-tests-"));
  // Workers are forked after global setup and inherit the environment; os.tmpdir() reads TMPDIR at each call.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
