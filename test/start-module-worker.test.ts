import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { currentCompiledModule } from "../src/start-module-worker.js";

/** A project tree: src/ingest/caller.ts, dist/ingest/worker.js and the build stamp, with the given modification times (s). */
function project(times: { source: number; stamp: number }): { root: string; caller: string } {
  const root = mkdtempSync(path.join(tmpdir(), "module-worker-"));
  const file = (relative: string, seconds: number) => {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, "");
    utimesSync(full, seconds, seconds);
    return full;
  };
  const caller = file("src/ingest/caller.ts", times.source);
  file("src/ingest/worker.ts", times.source);
  file("dist/ingest/worker.js", times.stamp);
  file("dist/.tsbuildinfo", times.stamp);
  return { root, caller };
}

describe("a worker started from the TypeScript sources", () => {
  it("runs the compiled module when dist/ was built after the sources changed", () => {
    const { root, caller } = project({ source: 1_000, stamp: 2_000 });
    expect(currentCompiledModule({ root, caller, name: "worker" })).toBe(path.join(root, "dist/ingest/worker.js"));
  });

  it("runs the sources when one of them is newer than the build, or nothing was compiled", () => {
    const stale = project({ source: 3_000, stamp: 2_000 });
    expect(currentCompiledModule({ ...stale, name: "worker" })).toBeUndefined();
    const current = project({ source: 1_000, stamp: 2_000 });
    expect(currentCompiledModule({ ...current, name: "missing-worker" })).toBeUndefined();
  });
});
