import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { DataFileError } from "../errors.js";

/** The repository's prompts/ folder, found from this file so the working directory does not matter. */
export const PROMPTS_DIRECTORY = fileURLToPath(new URL("../../prompts/", import.meta.url));

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Reads `prompts/<name>.md` and fills its `{{variable}}` placeholders. A placeholder without a
 * value is an error, not an empty string: a prompt missing its unit or refusal sentence misleads the model.
 *
 * @example
 * loadPrompt({ name: "summary-reduce", variables: { unit: "区教育局", periodLabel: "2025年" } });
 */
export function loadPrompt(options: { name: string; variables: Readonly<Record<string, string>>; directory?: string }): string {
  const file = join(options.directory ?? PROMPTS_DIRECTORY, `${options.name}.md`);
  let template: string;
  try {
    template = readFileSync(file, "utf8");
  } catch (error) {
    throw new DataFileError({ file, cause: error, message: "读不到提示词文件", hint: `请确认 prompts/ 目录中有 ${options.name}.md` });
  }
  return template.replace(PLACEHOLDER, (_, variable: string) => {
    const value = Object.hasOwn(options.variables, variable) ? options.variables[variable] : undefined;
    if (value === undefined) {
      throw new DataFileError({ file, message: `提示词中的 {{${variable}}} 没有取值`, hint: `请在调用 loadPrompt 时提供 ${variable}，或从该文件中删去这个占位符` });
    }
    return value;
  }).trim();
}
