import { readFileSync } from "node:fs";
import { UsageError } from "./errors.js";

/**
 * Reads a JSONL file given on the command line: one JSON value per non-blank line, each with
 * its 1-based line number so that callers can name the line a bad record is on.
 */
export function readJsonLines(options: { file: string; what: string; hint: string }): { line: number; value: unknown }[] {
  const { file } = options;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new UsageError({ message: `无法读取${options.what} ${file}（${(cause as Error).message}）`, hint: "请检查文件路径" });
  }
  return text.split("\n").flatMap((content, index) => {
    if (content.trim() === "") return [];
    try {
      return [{ line: index + 1, value: JSON.parse(content) as unknown }];
    } catch {
      throw new UsageError({ message: `${file} 第 ${index + 1} 行不是合法的 JSON`, hint: options.hint });
    }
  });
}
