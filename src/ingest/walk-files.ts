import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { IngestError } from "../errors.js";

/**
 * Expands the paths given on the command line into files: directories recursively (entries in
 * sorted order), files as given. No extension filter, so that an unsupported file reaches
 * readDocument and is reported by name. A file reached twice is listed once.
 *
 * @example await walkFiles({ paths: ["bulletins/", "extra/2024-21.pdf"] })
 */
export async function walkFiles(options: { paths: readonly string[] }): Promise<string[]> {
  const files: string[] = [];
  const visitedDirectories = new Set<string>();
  for (const path of options.paths) {
    const kind = await pathKind(path);
    if (kind === "missing") {
      throw new IngestError({ source: path, reason: "路径不存在", hint: "请检查文件或文件夹的名称与位置是否正确" });
    }
    if (kind === "directory") await walkDirectory({ directory: path, files, visitedDirectories });
    else files.push(path);
  }
  return [...new Set(files)];
}

async function walkDirectory(options: { directory: string; files: string[]; visitedDirectories: Set<string> }): Promise<void> {
  const { directory, files, visitedDirectories } = options;
  // Symbolic links can loop back to a parent; the real path identifies a directory once.
  const realDirectory = await realpath(directory);
  if (visitedDirectories.has(realDirectory)) return;
  visitedDirectories.add(realDirectory);

  const names = (await readdir(directory)).filter((name) => !isSkipped(name)).sort();
  for (const name of names) {
    const path = join(directory, name);
    const kind = await pathKind(path);
    if (kind === "directory") await walkDirectory({ directory: path, files, visitedDirectories });
    else if (kind === "file") files.push(path);
  }
}

/** Hidden entries, dependency folders and Office lock files ("~$report.docx") are never bulletins. */
function isSkipped(name: string): boolean {
  return name.startsWith(".") || name.startsWith("~$") || name === "node_modules";
}

async function pathKind(path: string): Promise<"file" | "directory" | "other" | "missing"> {
  try {
    const status = await stat(path);
    if (status.isDirectory()) return "directory";
    return status.isFile() ? "file" : "other";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw error;
  }
}
