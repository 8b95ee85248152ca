/** A literal string as a regular expression source: "3·15" matches "3·15", "(区)" matches "(区)". */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
