import { readFileSync } from "node:fs";
import path from "node:path";
import { escapeHtml } from "./http-error.js";

/**
 * The chat page (public/index.html) with the configured series filled in for its `{{series}}`
 * placeholders. Filled on the server, so the page keeps no inline script under the CSP.
 */
export function renderChatPage(options: { publicDirectory: string; series: string }): string {
  const template = readFileSync(path.join(options.publicDirectory, "index.html"), "utf8");
  return template.replaceAll("{{series}}", escapeHtml(options.series));
}
