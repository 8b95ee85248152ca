import { chmodSync, closeSync, mkdirSync, openSync, statSync, type Stats } from "node:fs";

/**
 * Owner-only access for everything in the data directory: the bulletins, their index and the
 * link secret are internal material. New paths are created private; existing ones we own lose
 * group and other access (one we do not own is left alone: chmod would fail, and it is not ours to change).
 */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

function tighten(file: string, stats: Stats): void {
  const owned = process.getuid === undefined || stats.uid === process.getuid();
  if (owned && (stats.mode & 0o077) !== 0) chmodSync(file, stats.mode & 0o7700);
}

/** Creates `directory` (and missing parents) as 0700, or takes group and other access away from an existing one. */
export function ensurePrivateDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  tighten(directory, statSync(directory));
}

/** Takes group and other access away from `file` when it exists; `create` makes it first, empty and 0600. */
export function ensurePrivateFile(file: string, options: { create?: boolean } = {}): void {
  if (options.create) closeSync(openSync(file, "a", PRIVATE_FILE_MODE));
  const stats = statSync(file, { throwIfNoEntry: false });
  if (stats) tighten(file, stats);
}
