/** Display width of a string in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd)
      ? 2
      : 1;
  }
  return width;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Renders rows as an aligned plain-text table with a header rule. */
export function formatTable(options: { headers: readonly string[]; rows: readonly (readonly string[])[] }): string {
  const widths = options.headers.map((header, column) =>
    Math.max(displayWidth(header), ...options.rows.map((row) => displayWidth(row[column] ?? ""))),
  );
  const line = (cells: readonly string[]) => cells.map((cell, column) => pad(cell, widths[column]!)).join("  ").trimEnd();
  return [line(options.headers), widths.map((width) => "-".repeat(width)).join("  "), ...options.rows.map(line)].join("\n");
}
