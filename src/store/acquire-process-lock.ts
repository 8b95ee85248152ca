import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { StoreError } from "../errors.js";
import { ensurePrivateFile } from "./ensure-private.js";

export interface ProcessLock {
  release(): void;
}

const POLL_MS = 25;

interface LockFile {
  database: Database.Database;
  inode: number;
  /** Settles when the current holder in this process releases. */
  turn: Promise<void>;
}

/**
 * One connection per lock file and process: POSIX locks belong to the process, and closing any
 * descriptor of the file would silently drop a lock another caller here still holds.
 */
const lockFiles = new Map<string, LockFile>();

function lockFileFor(file: string): LockFile {
  const existing = lockFiles.get(file);
  // A lock file deleted and made again (a data directory removed) is a new file: reopen it.
  if (existing && statSync(file, { throwIfNoEntry: false })?.ino === existing.inode) {
    // chmod only: opening and closing the file here would drop the lock a caller in this process holds.
    ensurePrivateFile(file);
    return existing;
  }
  ensurePrivateFile(file, { create: true });
  const entry = { database: new Database(file, { timeout: 0 }), inode: statSync(file).ino, turn: Promise.resolve() };
  lockFiles.set(file, entry);
  return entry;
}

/**
 * Waits (without blocking the event loop) until the caller holds the exclusive lock named by
 * `file`: callers in this process take turns, and across processes the lock is a write
 * transaction on a small SQLite file, which the operating system drops when its holder exits
 * or is killed, so a crash never leaves a stale lock behind (unlike a pid file).
 *
 * @example
 * const lock = await acquireProcessLock({ file: "var/index/sync.lock", timeoutMs: 600_000, purpose: "检索索引" });
 * try { rewriteIndexFiles(); } finally { lock.release(); }
 */
export async function acquireProcessLock(options: { file: string; timeoutMs: number; purpose: string }): Promise<ProcessLock> {
  const entry = lockFileFor(path.resolve(options.file));
  const previous = entry.turn;
  let endTurn!: () => void;
  entry.turn = new Promise<void>((resolve) => (endTurn = resolve));
  await previous;
  const deadline = Date.now() + options.timeoutMs;
  try {
    for (;;) {
      try {
        entry.database.exec("BEGIN EXCLUSIVE");
        return {
          release: () => {
            entry.database.exec("ROLLBACK");
            endTurn();
          },
        };
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
      }
      if (Date.now() >= deadline) {
        throw new StoreError({
          message: `${options.purpose}正由另一个进程更新，等待 ${Math.round(options.timeoutMs / 1000)} 秒后仍未完成（锁文件 ${options.file}）`,
          hint: "请等另一个导入或重建索引的命令结束后再试",
        });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } catch (error) {
    endTurn();
    throw error;
  }
}
