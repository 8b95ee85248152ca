import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireProcessLock } from "../src/store/acquire-process-lock.js";
import { rejection } from "./helpers/network.js";
import { childEnvironment, ensureBuilt, ROOT } from "./helpers/run-cli.js";

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Another process (the compiled module, as staff run it) that takes the lock, says "locked", and lets go when told "release". */
async function holdInAnotherProcess(file: string): Promise<{ child: ChildProcessWithoutNullStreams; said: (line: string) => Promise<void> }> {
  const script = `
    import { createInterface } from "node:readline";
    import { acquireProcessLock } from ${JSON.stringify(path.join(ROOT, "dist/store/acquire-process-lock.js"))};
    const lock = await acquireProcessLock({ file: ${JSON.stringify(file)}, timeoutMs: 60_000, purpose: "测试" });
    process.stdout.write("locked\\n");
    for await (const line of createInterface({ input: process.stdin })) {
      if (line === "release") { lock.release(); process.stdout.write("released\\n"); }
    }`;
  ensureBuilt();
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, env: childEnvironment(), stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  const said = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => stdout.split("\n").includes(line) && resolve();
      child.stdout.on("data", check);
      child.on("close", () => reject(new Error(`child exited before saying ${line}`)));
      check();
    });
  await said("locked");
  return { child, said };
}

describe("acquireProcessLock", () => {
  it("makes a second process wait until the first releases, then hands the lock over", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lock-")), "sync.lock");
    const holder = await holdInAnotherProcess(file);
    const refused = await rejection(acquireProcessLock({ file, timeoutMs: 200, purpose: "检索索引" }), "store");
    expect(refused.message).toContain("检索索引正由另一个进程更新");

    const waiting = acquireProcessLock({ file, timeoutMs: 30_000, purpose: "检索索引" });
    holder.child.stdin.write("release\n");
    await holder.said("released");
    (await waiting).release();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 60_000);

  it("is free again as soon as its holder is killed: no stale lock", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lock-")), "sync.lock");
    const holder = await holdInAnotherProcess(file);
    const waiting = acquireProcessLock({ file, timeoutMs: 30_000, purpose: "检索索引" });
    holder.child.kill("SIGKILL");
    (await waiting).release();
  }, 60_000);

  it("lets callers in one process take turns", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lock-")), "sync.lock");
    const order: string[] = [];
    const first = await acquireProcessLock({ file, timeoutMs: 1000, purpose: "检索索引" });
    const second = acquireProcessLock({ file, timeoutMs: 1000, purpose: "检索索引" }).then((lock) => {
      order.push("second");
      lock.release();
    });
    order.push("first");
    first.release();
    await second;
    expect(order).toEqual(["first", "second"]);
  });
});
