import { existsSync } from "node:fs";
import path from "node:path";
import { describe } from "vitest";
import { ROOT } from "./run-cli.js";

/** ../shared beside the repository: real bulletins and staff questions, present on CI, absent on a bare clone. */
export const SHARED = path.resolve(ROOT, "../shared");
export const CORPUS = path.join(SHARED, "corpus");
export const SHARED_QUESTIONS = path.join(SHARED, "eval/questions.jsonl");

/** describe() for tests that read ../shared: skipped, visibly and with the reason, where a path is missing. */
export function describeWithShared(title: string, body: () => void, needs: readonly string[] = [CORPUS]): void {
  const missing = needs.filter((needed) => !existsSync(needed));
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const reason = `${missing.map((file) => path.relative(ROOT, file)).join(", ")} not found`;
  console.warn(`skipping "${title}": ${reason}`);
  describe.skip(`${title} (skipped: ${reason})`, body);
}
